package uz.eimzo.ra.requests;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import uz.eimzo.ca.registration.DocumentScans;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.operator.OperatorUser;
import uz.eimzo.ra.home.RefusalText;
import uz.eimzo.ra.limits.ScanLimits;

import java.io.IOException;
import java.time.Duration;

/** A request's attachments (document scans) and the enrollment code an applicant takes home for CMP. */
@Controller
class DocumentsController {

    private final DocumentScans scans;
    private final EnrollmentCodes codes;
    private final RefusalText refusals;
    private final ScanLimits limits;

    DocumentsController(DocumentScans scans, EnrollmentCodes codes, RefusalText refusals, ScanLimits limits) {
        this.scans = scans;
        this.codes = codes;
        this.refusals = refusals;
        this.limits = limits;
    }

    @PostMapping("/requests/{id}/scans")
    String attach(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @RequestParam DocumentScans.Kind kind,
                  @RequestParam MultipartFile file, RedirectAttributes flash) throws IOException {
        if (file.getSize() > limits.maxFileSize().toBytes()) {
            scans.list(user.actor(), id); // another centre's request: not found, as everywhere
            flash.addFlashAttribute("error", refusals.text("scans.fileTooLarge", ScanLimits.megabytes(limits.maxFileSize())));
            return "redirect:/requests/" + id;
        }
        try {
            scans.attach(user.actor(), id, kind, file.getContentType(), file.getBytes());
        } catch (RegistrationException refused) {
            if ("request.unknown".equals(refused.code())) {
                throw refused;
            }
            flash.addFlashAttribute("error", "scan.tooLarge".equals(refused.code())
                    ? refusals.text("scans.fileTooLarge", ScanLimits.megabytes(limits.maxFileSize())) : refusals.of(refused));
        }
        return "redirect:/requests/" + id;
    }

    @GetMapping("/requests/{id}/scans/{scanId}")
    ResponseEntity<byte[]> scan(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @PathVariable long scanId) {
        DocumentScans.Content content = scans.read(user.actor(), id, scanId);
        return ResponseEntity.ok()
                .headers(h -> h.setContentDisposition(Downloads.attachment("scan-" + scanId)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(content.scan().contentType())).body(content.bytes());
    }

    @PostMapping("/requests/{id}/enrollment-code")
    String enrollmentCode(@AuthenticationPrincipal OperatorUser user, @PathVariable long id,
                          @RequestParam(defaultValue = "7") int days, RedirectAttributes flash) {
        try {
            EnrollmentCodes.Code code = codes.create(user.actor(), id, Duration.ofDays(days));
            flash.addFlashAttribute("enrollmentCode", code);
        } catch (RegistrationException refused) {
            if ("request.unknown".equals(refused.code())) {
                throw refused;
            }
            flash.addFlashAttribute("error", refusals.of(refused));
        }
        return "redirect:/requests/" + id;
    }
}
