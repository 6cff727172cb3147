package uz.eimzo.ra.cmp;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * CMP over HTTP (RFC 6712, RFC 9811): POST a DER PKIMessage as {@code application/pkixcmp} to
 * {@code /.well-known/cmp} or {@code /.well-known/cmp/p/<label>}; the answer is always a PKIMessage with status 200,
 * errors included, as RFC 6712 3.6 asks.
 */
@RestController
class CmpController {

    static final MediaType PKIXCMP = MediaType.parseMediaType("application/pkixcmp");
    /** A CMP message is a few kilobytes; anything far larger is not one. */
    private static final int MAX_SIZE = 256 * 1024;

    private final CmpServer server;

    CmpController(CmpServer server) {
        this.server = server;
    }

    @PostMapping("/.well-known/cmp")
    ResponseEntity<byte[]> cmp(@RequestBody(required = false) byte[] body, HttpServletRequest http) {
        return answer(body, null, http);
    }

    @PostMapping("/.well-known/cmp/p/{label}")
    ResponseEntity<byte[]> cmp(@PathVariable String label, @RequestBody(required = false) byte[] body,
                               HttpServletRequest http) {
        return answer(body, label, http);
    }

    private ResponseEntity<byte[]> answer(byte[] body, String label, HttpServletRequest http) {
        byte[] request = body == null || body.length > MAX_SIZE ? new byte[0] : body;
        return ResponseEntity.ok().contentType(PKIXCMP).header("Cache-Control", "no-store")
                .body(server.handle(request, label, http.getRemoteAddr()));
    }
}
