package uz.eimzo.ocsp.protocol;

import java.math.BigInteger;

/**
 * One certificate asked about (RFC 6960 4.1.1). {@code encoded} is the request's own DER, echoed unchanged in
 * the answer so that clients match it byte for byte.
 */
public record CertId(String hashAlgorithm, byte[] issuerNameHash, byte[] issuerKeyHash, BigInteger serial,
                     byte[] encoded) {

    /** SHA-1, which RFC 5019 clients use. */
    public static final String SHA1 = "1.3.14.3.2.26";
    /** SHA-256. */
    public static final String SHA256 = "2.16.840.1.101.3.4.2.1";
}
