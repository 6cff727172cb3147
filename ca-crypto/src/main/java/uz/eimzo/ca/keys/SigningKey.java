package uz.eimzo.ca.keys;

import java.security.PublicKey;

/** A private key that signs but never leaves its store: a PKCS#12 file, a PKCS#11 token or memory. */
public interface SigningKey {

    PublicKey publicKey();

    KeyAlgorithm algorithm();

    /** Signs the bytes with {@link KeyAlgorithm#signatureAlgorithm()}; the result is in the JCA's encoding. */
    byte[] sign(byte[] data) throws KeyUnavailableException;

    /** JCA signature algorithm name this key produces. */
    default String signatureAlgorithm() {
        return algorithm().signatureAlgorithm();
    }
}
