package uz.eimzo.ca.signing;

import uz.eimzo.ca.authority.KeyPlace;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.keys.SigningKey;

/**
 * A key storage as the CA lifecycle sees it ({@code authority.Authorities}): it makes a new CA key, or finds an existing
 * one, and says what to record, but hands out public keys only. The key ceremony builds one around the storage it opened;
 * a CA node gets its own from {@link CaSigner#keyStores()}.
 */
public final class CaKeyStore implements KeyPlace {

    private final KeyStorage storage;

    public CaKeyStore(KeyStorage storage) {
        this.storage = storage;
    }

    @Override
    public NewCaKey generate(KeyAlgorithm algorithm) {
        return new NewCaKey(storage, storage.generate(algorithm));
    }

    @Override
    public FoundKey find(String alias) {
        SigningKey key = storage.open(alias);
        return new FoundKey(key.publicKey(), key.algorithm(), storage.reference(alias));
    }

    /** A PKCS#12 file rather than a token: where GOST-UZ keys can live (SunPKCS11 has no GOST-UZ). */
    public boolean isFile() {
        return storage instanceof Pkcs12KeyStorage;
    }

    KeyStorage storage() {
        return storage;
    }
}
