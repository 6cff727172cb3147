package uz.eimzo.ca.signing;

import uz.eimzo.ca.authority.KeyPlace;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.SigningKey;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A CA key just generated in a storage and not yet kept: certify it (a root self-signs through
 * {@link CaSigner#selfSigned}), then {@link #keep} it under the CA's name with its chain.
 */
public final class NewCaKey implements KeyPlace.NewKey {

    private final KeyStorage storage;
    private final SigningKey key;

    NewCaKey(KeyStorage storage, SigningKey key) {
        this.storage = storage;
        this.key = key;
    }

    @Override
    public PublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public KeyAlgorithm algorithm() {
        return key.algorithm();
    }

    @Override
    public String signatureAlgorithm() {
        return key.signatureAlgorithm();
    }

    @Override
    public String keep(String alias, List<X509Certificate> chain) {
        storage.store(alias, key, chain);
        return storage.reference(alias);
    }

    SigningKey key() {
        return key;
    }
}
