package uz.eimzo.tsa.verification;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate and the issuers found for it, the certificate first.
 *
 * @param issuer the anchor that signed {@code certificates[0]} directly when it is one of ours or recognised, else
 *               null (an intermediate from the document signed it)
 * @param root   the anchor the chain ends in, or null when it ends in no CA we recognise
 */
public record CertificateChain(List<X509Certificate> certificates, Anchor issuer, Anchor root) {

    public boolean anchored() {
        return root != null;
    }
}
