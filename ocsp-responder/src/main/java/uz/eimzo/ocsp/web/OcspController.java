package uz.eimzo.ocsp.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ETag;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** OCSP over HTTP (RFC 6960 appendix A, RFC 5019): POST with the DER body, or GET with it base64 in the path. */
@RestController
class OcspController {

    static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

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
        byte[] der = decodeGetPath(uri.substring(start), maxRequestBytes);
        OcspReply reply = der == null ? responder.malformed() : responder.answer(der);
        return reply(reply, Collections.list(request.getHeaders(HttpHeaders.IF_NONE_MATCH)));
    }

    /** @param ifNoneMatch the GET's If-None-Match header values, or null for a POST (never cached by HTTP caches) */
    private ResponseEntity<byte[]> reply(OcspReply reply, List<String> ifNoneMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(OCSP_RESPONSE);
        if (ifNoneMatch != null && reply.cacheable()) {
            Instant now = clock.instant();
            long maxAge = Math.max(0, Duration.between(now, reply.nextUpdate()).toSeconds());
            headers.setCacheControl("max-age=" + maxAge + ", public, no-transform, must-revalidate");
            headers.setETag(reply.etag());
            headers.set(HttpHeaders.LAST_MODIFIED, http(reply.thisUpdate()));
            headers.set(HttpHeaders.EXPIRES, http(reply.nextUpdate()));
            headers.set(HttpHeaders.DATE, http(now));
            if (matches(reply.etag(), ifNoneMatch)) {
                return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
            }
        } else {
            headers.setCacheControl("no-cache, no-store");
        }
        return new ResponseEntity<>(reply.der(), headers, HttpStatus.OK);
    }

    /**
     * Whether If-None-Match names the current answer (RFC 9110 section 13.1.2): a list of tags compared weakly,
     * or "*" for any current answer. Spring's own parser; its checkNotModified honours "*" only for unsafe methods.
     */
    static boolean matches(String etag, List<String> ifNoneMatch) {
        ETag current = ETag.create(etag);
        return ifNoneMatch.stream().flatMap(header -> ETag.parse(header).stream())
                .anyMatch(tag -> tag.isWildcard() || tag.compare(current, false));
    }

    private static String http(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    /**
     * The request from a GET path: URL-encoded base64 as clients send it ({@code %2F}, {@code %2B}, {@code %3D}),
     * or raw, with or without padding; a '+' is kept as '+', never read as a space. Null when it is not base64.
     */
    static byte[] decodeGetPath(String path, int maxBytes) {
        if (path.isEmpty() || path.length() > maxBytes * 2) {
            return null;
        }
        StringBuilder text = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                int value = hex(path.charAt(i + 1)) << 4 | hex(path.charAt(i + 2));
                if (value < 0) {
                    return null;
                }
                text.append((char) value);
                i += 2;
            } else if (c == '%') {
                return null;
            } else {
                text.append(c);
            }
        }
        String base64 = text.toString().replace('-', '+').replace('_', '/').replaceAll("\\s", "");
        while (base64.length() % 4 != 0) {
            base64 += "=";
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return der.length == 0 || der.length > maxBytes ? null : der;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -1024 : digit;
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
