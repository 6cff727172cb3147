package uz.eimzo.ocsp.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.ocsp.ResponderProperties;
import uz.eimzo.ocsp.responding.OcspReply;
import uz.eimzo.ocsp.responding.OcspResponder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Collections;
import java.util.List;

/**
 * OCSP over HTTP (RFC 6960 appendix A, RFC 5019): POST with the DER body, or GET with it base64 in the path. The
 * optional Netty listener (package {@code fast}) serves the same surface through {@link OcspHttp}.
 */
@RestController
class OcspController {

    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType(OcspHttp.OCSP_RESPONSE);

    private final OcspResponder responder;
    private final int maxRequestBytes;
    private final Clock clock;

    OcspController(OcspResponder responder, ResponderProperties properties, Clock clock) {
        this.responder = responder;
        this.maxRequestBytes = properties.maxRequestBytes();
        this.clock = clock;
    }

    @PostMapping({"/ocsp", "/ocsp/"})
    public ResponseEntity<byte[]> post(HttpServletRequest request) {
        byte[] body;
        try {
            body = readAtMost(request.getInputStream(), maxRequestBytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null) {
            return reply(responder.malformed(), null);
        }
        return reply(responder.answer(body), null);
    }

    @GetMapping("/ocsp/**")
    public ResponseEntity<byte[]> get(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int start = uri.indexOf("/ocsp/") + "/ocsp/".length();
        byte[] der = OcspHttp.decodeGetPath(uri.substring(start), maxRequestBytes);
        OcspReply reply = der == null ? responder.malformed() : responder.answer(der);
        return reply(reply, Collections.list(request.getHeaders(HttpHeaders.IF_NONE_MATCH)));
    }

    /** @param ifNoneMatch the GET's If-None-Match header values, or null for a POST (never cached by HTTP caches) */
    private ResponseEntity<byte[]> reply(OcspReply reply, List<String> ifNoneMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(OCSP_RESPONSE);
        OcspHttp.cachingHeaders(reply, ifNoneMatch != null, clock.instant()).forEach(headers::set);
        if (ifNoneMatch != null && OcspHttp.notModified(reply, ifNoneMatch)) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        return new ResponseEntity<>(reply.der(), headers, HttpStatus.OK);
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        byte[] buffer = new byte[4096];
        int total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
