package uz.eimzo.ca.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;

/**
 * Keys on a PKCS#11 token (an HSM, or SoftHSM2 in tests) through the JDK's SunPKCS11 provider.
 * The private key is generated on the token and never leaves it.
 */
public final class Pkcs11KeyStorage implements KeyStorage {

    private final String configuration;
    private final Provider provider;
    private final KeyStore keyStore;

    /**
     * @param configuration a SunPKCS11 configuration file path, or the configuration itself starting
     *                      with {@code --} (library, slot or slotListIndex)
     */
    public Pkcs11KeyStorage(String configuration, char[] pin) {
        this.configuration = configuration;
        try {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new KeyUnavailableException("This JDK has no SunPKCS11 provider");
            }
            this.provider = base.configure(configuration);
            this.keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new KeyUnavailableException("Cannot log in to PKCS#11 token (" + describe() + ")", e);
        }
    }

    @Override
    public SigningKey generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family(), provider);
            switch (algorithm) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
                case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"));
                case ED25519 -> { /* one size */ }
                default -> generator.initialize(algorithm.size());
            }
            var pair = generator.generateKeyPair();
            return new JcaSigningKey(pair.getPrivate(), pair.getPublic(), provider, "new key on " + describe());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyUnavailableException("Token " + describe() + " cannot generate " + algorithm, e);
        }
    }

    @Override
    public synchronized void store(String alias, SigningKey key, List<X509Certificate> chain) {
        if (!(key instanceof JcaSigningKey jca)) {
            throw new KeyUnavailableException("Only a key generated on this token can be stored on it");
        }
        try {
            if (keyStore.containsAlias(alias)) {
                throw new KeyUnavailableException("Alias " + alias + " already exists on " + describe());
            }
            // Storing the session key with its chain makes it a persistent token object.
            keyStore.setKeyEntry(alias, jca.privateKey(), null, chain.toArray(Certificate[]::new));
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("Cannot store " + alias + " on " + describe(), e);
        }
    }

    @Override
    public SigningKey open(String alias) {
        try {
            if (!(keyStore.getKey(alias, null) instanceof PrivateKey key)) {
                throw new KeyUnavailableException("No private key " + alias + " on " + describe());
            }
            return new JcaSigningKey(key, keyStore.getCertificate(alias).getPublicKey(), provider,
                    "PKCS#11 " + alias);
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("Cannot open " + alias + " on " + describe(), e);
        }
    }

    @Override
    public List<X509Certificate> chain(String alias) {
        try {
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null) {
                throw new KeyUnavailableException("No key " + alias + " on " + describe());
            }
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("Cannot read " + describe(), e);
        }
    }

    @Override
    public String reference(String alias) {
        return "pkcs11:" + (configuration.startsWith("--") ? "inline" : configuration) + "#" + alias;
    }

    private String describe() {
        return configuration.startsWith("--") ? "inline PKCS#11 configuration" : configuration;
    }
}
