package uz.eimzo.ocsp.responding;

import java.time.Instant;

/**
 * An encoded OCSP response and, for responses that may be cached (no nonce), the times HTTP headers need.
 *
 * @param thisUpdate null for responses that must not be cached
 */
public record OcspReply(byte[] der, Instant thisUpdate, Instant nextUpdate, String etag) {

    public static OcspReply uncacheable(byte[] der) {
        return new OcspReply(der, null, null, null);
    }

    public boolean cacheable() {
        return thisUpdate != null;
    }
}
