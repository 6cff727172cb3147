package uz.eimzo.ca.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import javax.security.auth.login.FailedLoginException;

/**
 * Keys on a PKCS#11 token (an HSM, or SoftHSM2 in tests) through the JDK's SunPKCS11 provider.
 * The private key is generated on the token and never leaves it.
 *
 * <p>SunPKCS11 offers RSA and EC but no EdDSA, so Ed25519 keys cannot live here. PKCS#11 login state belongs
 * to the process: once one storage has logged in to a token, another storage on the same token in the same
 * JVM is not asked for the PIN again.
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
        // A file is recorded by its absolute path so that the key reference means the same from any directory.
        this.configuration = configuration.startsWith("--") ? configuration
                : Path.of(configuration).toAbsolutePath().normalize().toString();
        if (!configuration.startsWith("--") && !Files.isReadable(Path.of(this.configuration))) {
            throw new KeyUnavailableException("Cannot read PKCS#11 configuration file " + this.configuration);
        }
        try {
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new KeyUnavailableException("This JDK has no SunPKCS11 provider");
            }
            this.provider = base.configure(this.configuration);
        } catch (RuntimeException e) {
            throw new KeyUnavailableException("Cannot load the PKCS#11 library or slot of " + describe() + ": "
                    + rootMessage(e), e);
        }
        try {
            this.keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (pinRefused(e)) {
                throw new KeyUnavailableException("The PKCS#11 token of " + describe() + " refused the PIN", e);
            }
            throw new KeyUnavailableException("Cannot log in to PKCS#11 token (" + describe() + "): " + rootMessage(e), e);
        }
    }

    private static boolean pinRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FailedLoginException
                    || String.valueOf(t.getMessage()).contains("CKR_PIN_INCORRECT")
                    || String.valueOf(t.getMessage()).contains("CKR_PIN_LEN_RANGE")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    @Override
    public SigningKey generate(KeyAlgorithm algorithm) {
        if (algorithm == KeyAlgorithm.ED25519) {
            throw new KeyUnavailableException("SunPKCS11 cannot generate or use Ed25519 keys on a token; "
                    + "choose EC_P256, EC_P384 or an RSA size for " + describe());
        }
        if (algorithm == KeyAlgorithm.GOST_UZ) {
            throw new KeyUnavailableException("SunPKCS11 has no O'z DSt 1092 (GOST-UZ) mechanism: GOST-UZ keys "
                    + "live in a PKCS#12 file, not on " + describe());
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.family(), provider);
            switch (algorithm) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
                case EC_P384 -> generator.initialize(new ECGenParameterSpec("secp384r1"));
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
