package uz.eimzo.ocsp.web;

import org.springframework.http.ETag;
import uz.eimzo.ocsp.responding.OcspReply;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What OCSP over HTTP looks like on every listener the responder has (Tomcat's and the optional Netty one), so the
 * two cannot drift apart: how a GET path is read, the caching headers of an answer, and revalidation by ETag.
 */
public final class OcspHttp {

    public static final String OCSP_RESPONSE = "application/ocsp-response";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private OcspHttp() {
    }

    /**
     * The caching headers of an answer, by name in the order they are sent. A cacheable answer to a GET gets
     * max-age up to its nextUpdate, its ETag and times; anything else (a POST, a nonce, an error) must not be cached.
     *
     * @param get whether the request was a GET (POSTs are never cached by HTTP caches)
     */
    public static Map<String, String> cachingHeaders(OcspReply reply, boolean get, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (get && reply.cacheable()) {
            long maxAge = Math.max(0, Duration.between(now, reply.nextUpdate()).toSeconds());
            headers.put("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate");
            headers.put("ETag", reply.etag());
            headers.put("Last-Modified", http(reply.thisUpdate()));
            headers.put("Expires", http(reply.nextUpdate()));
            headers.put("Date", http(now));
        } else {
            headers.put("Cache-Control", "no-cache, no-store");
        }
        return headers;
    }

    /** Whether a GET revalidating with these If-None-Match values gets 304 for this answer. */
    public static boolean notModified(OcspReply reply, List<String> ifNoneMatch) {
        return reply.cacheable() && !ifNoneMatch.isEmpty() && matches(reply.etag(), ifNoneMatch);
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

    /**
     * An HTTP date in the IMF-fixdate form senders must use (RFC 9110 section 5.6.7): a two-digit day, which
     * {@code RFC_1123_DATE_TIME} does not write on the first nine days of a month.
     */
    public static String http(Instant instant) {
        return HTTP_DATE.format(instant.atZone(ZoneOffset.UTC));
    }

    /**
     * The request from a GET path: URL-encoded base64 as clients send it ({@code %2F}, {@code %2B}, {@code %3D}),
     * or raw, with or without padding; a '+' is kept as '+', never read as a space. Null when it is not base64.
     */
    public static byte[] decodeGetPath(String path, int maxBytes) {
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
}
