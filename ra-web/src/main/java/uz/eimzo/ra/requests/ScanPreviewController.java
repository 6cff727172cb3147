package uz.eimzo.ra.requests;

import jakarta.servlet.http.HttpSession;
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
import uz.eimzo.ca.registration.DocumentScans;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.operator.OperatorUser;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Several scans in one upload, each shown before anything is saved: the files wait in the operator's own session (a
 * few batches at most, dropped when saved), each with its document kind and a tick; saving attaches the ticked ones
 * through {@link DocumentScans}, which checks each as a single upload is checked.
 */
@Controller
class ScanPreviewController {

    static final String BATCHES = "pendingScanBatches";
    /** Files in one upload, and batches kept per session (the oldest goes), so a session holds little. */
    static final int MAX_FILES = 5;
    static final int MAX_BATCHES = 2;

    /** One uploaded file: its name, what it claims and what its bytes are, and why it cannot be saved (null: it can). */
    record Upload(String name, String declaredType, byte[] bytes, String type, String refusal) implements Serializable {

        boolean image() {
            return refusal == null && type.startsWith("image/");
        }
    }

    /** The files of one upload, for one request. */
    record Batch(long requestId, List<Upload> uploads) implements Serializable {
    }

    /** What the preview page shows of a file. */
    record Shown(int index, String name, int size, boolean image, boolean pdf, String refusal) {
    }

    private final DocumentScans scans;
    private final RefusalText refusals;

    ScanPreviewController(DocumentScans scans, RefusalText refusals) {
        this.scans = scans;
        this.refusals = refusals;
    }

    @PostMapping("/requests/{id}/scans/preview")
    String preview(@AuthenticationPrincipal OperatorUser user, @PathVariable long id,
                   @RequestParam(required = false) List<MultipartFile> files, HttpSession session, Model model,
                   RedirectAttributes flash) throws IOException {
        scans.list(user.actor(), id); // another centre's request: not found, as everywhere
        // A form sent with no file chosen carries one empty part without a name.
        List<MultipartFile> chosen = files == null ? List.of() : files.stream()
                .filter(f -> !f.isEmpty() || !Optional.ofNullable(f.getOriginalFilename()).orElse("").isEmpty()).toList();
        if (chosen.isEmpty() || chosen.size() > MAX_FILES) {
            flash.addFlashAttribute("error", refusals.text(chosen.isEmpty() ? "scans.noFiles" : "scans.tooMany"));
            return "redirect:/requests/" + id;
        }
        List<Upload> uploads = new ArrayList<>();
        for (MultipartFile file : chosen) {
            byte[] bytes = file.getBytes();
            String type = DocumentScans.sniff(bytes);
            String refusal = bytes.length == 0 ? "scan.empty" : bytes.length > DocumentScans.MAX_BYTES ? "scan.tooLarge"
                    : type == null || (file.getContentType() != null && !file.getContentType().equals(type)) ? "scan.type" : null;
            uploads.add(new Upload(Optional.ofNullable(file.getOriginalFilename()).orElse(""), file.getContentType(),
                    refusal == null ? bytes : new byte[0], type, refusal));
        }
        String batch = UUID.randomUUID().toString();
        Map<String, Batch> batches = batches(session);
        while (batches.size() >= MAX_BATCHES) {
            batches.remove(batches.keySet().iterator().next());
        }
        batches.put(batch, new Batch(id, List.copyOf(uploads)));
        session.setAttribute(BATCHES, batches);
        List<Shown> shown = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            Upload u = uploads.get(i);
            shown.add(new Shown(i, u.name(), u.bytes().length, u.image(), u.refusal() == null && "application/pdf".equals(u.type()),
                    u.refusal() == null ? null : refusals.of(new RegistrationException(u.refusal(), u.name()))));
        }
        model.addAttribute("requestId", id);
        model.addAttribute("batch", batch);
        model.addAttribute("files", shown);
        model.addAttribute("scanKinds", DocumentScans.Kind.values());
        return "requests/scans-preview";
    }

    /** A waiting file, for its preview: only what its bytes were found to be (PDF, JPEG, PNG), never as downloaded HTML. */
    @GetMapping("/requests/{id}/scans/preview/{batch}/{index}")
    ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable String batch, @PathVariable int index, HttpSession session) {
        Batch found = batches(session).get(batch);
        if (found == null || found.requestId() != id || index < 0 || index >= found.uploads().size()
                || found.uploads().get(index).refusal() != null) {
            return ResponseEntity.notFound().build();
        }
        Upload upload = found.uploads().get(index);
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                .headers(h -> h.setContentDisposition(ContentDisposition.inline().filename("scan-preview-" + index).build()))
                .contentType(MediaType.parseMediaType(upload.type())).body(upload.bytes());
    }

    @PostMapping("/requests/{id}/scans/save")
    String save(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestParam String batch,
                @RequestParam(required = false) Set<Integer> keep, @RequestParam Map<String, String> params,
                HttpSession session, RedirectAttributes flash) {
        Map<String, Batch> batches = batches(session);
        Batch found = batches.get(batch);
        if (found == null || found.requestId() != id) {
            flash.addFlashAttribute("error", refusals.text("scans.batchGone"));
            return "redirect:/requests/" + id;
        }
        batches.remove(batch);
        session.setAttribute(BATCHES, batches);
        List<String> errors = new ArrayList<>();
        int saved = 0;
        for (int i = 0; i < found.uploads().size(); i++) {
            Upload upload = found.uploads().get(i);
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
            flash.addFlashAttribute("error", String.join("; ", errors));
        }
        return "redirect:/requests/" + id;
    }

    private static Optional<DocumentScans.Kind> kind(String name) {
        return Arrays.stream(DocumentScans.Kind.values()).filter(k -> k.name().equals(name)).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Batch> batches(HttpSession session) {
        Object existing = session.getAttribute(BATCHES);
        return existing instanceof Map<?, ?> map ? (Map<String, Batch>) map : new LinkedHashMap<>();
    }
}
