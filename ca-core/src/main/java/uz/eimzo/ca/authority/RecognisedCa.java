package uz.eimzo.ca.authority;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A CA certificate this centre recognises without holding its key (the national root, another accredited
 * centre's CA): it can anchor a chain, never sign anything here.
 *
 * @param issuerId the recognised CA whose key verified this certificate, or null for a self-signed root
 */
public record RecognisedCa(int id, String name, X509Certificate certificate, Integer issuerId,
                           String keyAlgorithm, String recognisedBy, Instant recognisedAt) {

    public boolean root() {
        return issuerId == null;
    }
}
