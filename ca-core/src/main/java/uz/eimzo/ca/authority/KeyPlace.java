package uz.eimzo.ca.authority;

import uz.eimzo.ca.keys.KeyAlgorithm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Where the CA lifecycle makes or finds a CA's key, as {@link Authorities} needs it: public keys and references only.
 * The signing module implements it over a key storage ({@code uz.eimzo.ca.signing.CaKeyStore}) and keeps the key.
 */
public interface KeyPlace {

    /** Generates a key here; it is kept only once {@link NewKey#keep} gives it its certificate chain. */
    NewKey generate(KeyAlgorithm algorithm);

    /** A key already here, by alias. */
    FoundKey find(String alias);

    /** A CA key just generated and not yet kept. */
    interface NewKey {
        PublicKey publicKey();

        KeyAlgorithm algorithm();

        String signatureAlgorithm();

        /**
         * Keeps the key under {@code alias} with its certificate chain (leaf first).
         *
         * @return the reference to record in the database: type, location and alias, no secrets
         */
        String keep(String alias, List<X509Certificate> chain);
    }

    /** A key found by alias: what an import checks against the CA certificate, and the reference it records. */
    record FoundKey(PublicKey publicKey, KeyAlgorithm algorithm, String reference) {
    }
}
