package uz.eimzo.ra.requests;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.DocumentScans;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.limits.ScanLimits;
import uz.eimzo.ra.operator.OperatorUser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Several scans in one upload, each shown before anything is saved: the files wait in {@link ScanPreviewStore}
 * (PostgreSQL, the uploading operator's only, until saved or expired), each with its document kind and a tick; saving
 * attaches the ticked ones through {@link DocumentScans}, which checks each as a single upload is checked.
 */
@Controller
class ScanPreviewController {

    /** Files in one upload. */
    static final int MAX_FILES = 5;

    /** What the preview page shows of a file. */
    record Shown(int index, String name, int size, boolean image, boolean pdf, String refusal) {
    }

    private final DocumentScans scans;
    private final ScanPreviewStore waiting;
    private final ScanLimits limits;
    private final RefusalText refusals;

    ScanPreviewController(DocumentScans scans, ScanPreviewStore waiting, ScanLimits limits, RefusalText refusals) {
        this.scans = scans;
        this.waiting = waiting;
        this.limits = limits;
        this.refusals = refusals;
    }

    @PostMapping("/requests/{id}/scans/preview")
    String preview(@AuthenticationPrincipal OperatorUser user, @PathVariable long id,
                   @RequestParam(required = false) List<MultipartFile> files, Model model,
                   RedirectAttributes flash) throws IOException {
        if (!user.actor().has(Actor.Role.REGISTRAR)) {
            throw new RegistrationException("forbidden", "Only registrars attach documents");
        }
        scans.list(user.actor(), id); // another centre's request: not found, as everywhere
        // A form sent with no file chosen carries one empty part without a name.
        List<MultipartFile> chosen = files == null ? List.of() : files.stream()
                .filter(f -> !f.isEmpty() || !Optional.ofNullable(f.getOriginalFilename()).orElse("").isEmpty()).toList();
        if (chosen.isEmpty() || chosen.size() > MAX_FILES) {
            flash.addFlashAttribute("scansError", refusals.text(chosen.isEmpty() ? "scans.noFiles" : "scans.tooMany"));
            return "redirect:/requests/" + id;
        }
        List<ScanPreviewStore.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : chosen) {
            String name = Optional.ofNullable(file.getOriginalFilename()).orElse("");
            long size = file.getSize();
            if (size > limits.maxFileSize().toBytes()) {
                // Refused by its size alone: its bytes are never read into memory.
                uploads.add(new ScanPreviewStore.Upload(name, file.getContentType(), new byte[0], null, "scan.tooLarge", (int) Math.min(size, Integer.MAX_VALUE)));
                continue;
            }
            byte[] bytes = file.getBytes();
            String type = DocumentScans.sniff(bytes);
            String refusal = bytes.length == 0 ? "scan.empty"
                    : type == null || (file.getContentType() != null && !file.getContentType().equals(type)) ? "scan.type" : null;
            uploads.add(new ScanPreviewStore.Upload(name, file.getContentType(), refusal == null ? bytes : new byte[0], type,
                    refusal, bytes.length));
        }
        UUID batch = waiting.put(user.actor().operatorId(), id, List.copyOf(uploads));
        List<Shown> shown = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            ScanPreviewStore.Upload u = uploads.get(i);
            shown.add(new Shown(i, u.name(), u.size(), u.image(), u.pdf(), u.refusal() == null ? null : refusal(u)));
        }
        model.addAttribute("requestId", id);
        model.addAttribute("batch", batch.toString());
        model.addAttribute("files", shown);
        model.addAttribute("scanKinds", DocumentScans.Kind.values());
        return "requests/scans-preview";
    }

    private String refusal(ScanPreviewStore.Upload upload) {
        return "scan.tooLarge".equals(upload.refusal())
                ? refusals.text("scans.fileTooLarge", ScanLimits.megabytes(limits.maxFileSize()))
                : refusals.of(new RegistrationException(upload.refusal(), upload.name()));
    }

    /**
     * A waiting file of the operator's own upload, for its preview: only what its bytes were found to be (PDF, JPEG,
     * PNG), never as downloaded HTML. Another operator's, an expired or an unknown one: 404.
     */
    @GetMapping("/requests/{id}/scans/preview/{batch}/{index}")
    ResponseEntity<byte[]> file(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @PathVariable String batch,
                                @PathVariable int index) {
        Optional<ScanPreviewStore.Upload> found = uuid(batch)
                .flatMap(b -> waiting.file(user.actor().operatorId(), id, b, index))
                .filter(u -> u.refusal() == null);
        if (found.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        ScanPreviewStore.Upload upload = found.get();
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .headers(h -> h.setContentDisposition(ContentDisposition.inline().filename("scan-preview-" + index).build()))
                .contentType(MediaType.parseMediaType(upload.type())).body(upload.bytes());
    }

    @PostMapping("/requests/{id}/scans/save")
    String save(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestParam String batch,
                @RequestParam(required = false) Set<Integer> keep, @RequestParam Map<String, String> params,
                RedirectAttributes flash) {
        scans.list(user.actor(), id);
        List<ScanPreviewStore.Upload> found = uuid(batch).map(b -> waiting.take(user.actor().operatorId(), id, b)).orElse(List.of());
        if (found.isEmpty()) {
            flash.addFlashAttribute("scansError", refusals.text("scans.batchGone"));
            return "redirect:/requests/" + id;
        }
        List<String> errors = new ArrayList<>();
        int saved = 0;
        for (int i = 0; i < found.size(); i++) {
            ScanPreviewStore.Upload upload = found.get(i);
            if (keep == null || !keep.contains(i) || upload.refusal() != null) {
                continue;
            }
            Optional<DocumentScans.Kind> kind = kind(params.get("kind" + i));
            if (kind.isEmpty()) {
                errors.add(upload.name() + ": " + refusals.text("scans.kindUnknown"));
                continue;
            }
            try {
                scans.attach(user.actor(), id, kind.get(), upload.declaredType(), upload.bytes());
                saved++;
            } catch (RegistrationException refused) {
                if ("request.unknown".equals(refused.code())) {
                    throw refused;
                }
                errors.add(upload.name() + ": " + refusals.of(refused));
            }
        }
        flash.addFlashAttribute("scansSaved", saved);
        if (!errors.isEmpty()) {
            flash.addFlashAttribute("scansError", String.join("; ", errors));
        }
        return "redirect:/requests/" + id;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notOne) {
            return Optional.empty();
        }
    }

    private static Optional<DocumentScans.Kind> kind(String name) {
        return Arrays.stream(DocumentScans.Kind.values()).filter(k -> k.name().equals(name)).findFirst();
    }
}
