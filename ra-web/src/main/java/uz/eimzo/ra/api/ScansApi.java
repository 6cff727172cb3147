package uz.eimzo.ra.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.ca.registration.DocumentScans;
import uz.eimzo.ra.home.Downloads;
import uz.eimzo.ra.operator.OperatorUser;

import java.util.Base64;
import java.util.List;

/**
 * A request's document scans in the JSON API, as on the request's page: registrars attach them (PDF, JPEG or PNG,
 * checked by their bytes), any operator of the centre lists and reads them; each attach and read is audited.
 */
@RestController
@RequestMapping("/api/requests/{id}/scans")
@Tag(name = "requests")
class ScansApi {

    /** A scan to attach: its kind, its media type and its bytes in base64 (the API's 1 MiB body cap applies). */
    record NewScan(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) DocumentScans.Kind kind,
                   @Schema(description = "application/pdf, image/jpeg or image/png; must match the bytes",
                           requiredMode = Schema.RequiredMode.REQUIRED) String contentType,
                   @Schema(description = "The file, base64", requiredMode = Schema.RequiredMode.REQUIRED) String content) {
    }

    private final DocumentScans scans;

    ScansApi(DocumentScans scans) {
        this.scans = scans;
    }

    @Operation(summary = "List a request's document scans")
    @GetMapping
    List<DocumentScans.Scan> list(@AuthenticationPrincipal OperatorUser user, @PathVariable long id) {
        return scans.list(user.actor(), id);
    }

    @Operation(summary = "Attach a document scan to a request (registrars)",
            description = "Refused with 400 scan.type (not PDF, JPEG or PNG, or not what contentType says), scan.empty "
                    + "or scan.tooLarge.")
    @ApiResponse(responseCode = "201", description = "Attached")
    @PostMapping
    ResponseEntity<DocumentScans.Scan> attach(@AuthenticationPrincipal OperatorUser user, @PathVariable long id,
                                              @RequestBody NewScan body) {
        ApiFieldException.required(body, "body");
        ApiFieldException.required(body.kind(), "kind");
        ApiFieldException.required(body.contentType(), "contentType");
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(ApiFieldException.required(body.content(), "content"));
        } catch (IllegalArgumentException notBase64) {
            throw new ApiFieldException("content", "api.body.value", "content must be base64");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(scans.attach(user.actor(), id, body.kind(), body.contentType(), bytes));
    }

    @Operation(summary = "Read a document scan (audited)")
    @GetMapping("/{scanId}")
    ResponseEntity<byte[]> read(@AuthenticationPrincipal OperatorUser user, @PathVariable long id, @PathVariable long scanId) {
        DocumentScans.Content content = scans.read(user.actor(), id, scanId);
        return ResponseEntity.ok()
                .headers(h -> h.setContentDisposition(Downloads.attachment("scan-" + scanId)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(content.scan().contentType())).body(content.bytes());
    }
}
