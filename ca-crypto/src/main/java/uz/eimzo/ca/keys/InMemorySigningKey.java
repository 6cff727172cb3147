package uz.eimzo.ca.keys;

import java.security.KeyPair;
import java.security.SecureRandom;

/** A key generated in memory: for tests, benchmarks and throwaway lint signatures; never for a real CA. */
public final class InMemorySigningKey extends JcaSigningKey {

    private InMemorySigningKey(KeyPair pair) {
        super(pair.getPrivate(), pair.getPublic(), null, "in-memory key");
    }

    public static InMemorySigningKey generate(KeyAlgorithm algorithm) {
        return new InMemorySigningKey(algorithm.generate(new SecureRandom()));
    }

    public static InMemorySigningKey of(KeyPair pair) {
        return new InMemorySigningKey(pair);
    }
}
