package uz.eimzo.ocsp.protocol;

import java.util.List;

/**
 * A parsed OCSP request.
 *
 * @param nonce the nonce extension's value (the DER OCTET STRING, echoed verbatim), or null when absent
 */
public record OcspQuery(List<CertId> certificates, byte[] nonce) {

    public OcspQuery {
        certificates = List.copyOf(certificates);
    }
}
