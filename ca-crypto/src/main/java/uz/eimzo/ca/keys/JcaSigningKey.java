package uz.eimzo.ca.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;


/** A signing key reached through a JCA {@link PrivateKey}: the shared core of the file, token and memory keys. */
class JcaSigningKey implements SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final KeyAlgorithm algorithm;
    private final Provider provider;
    private final String description;
    // Set for EC keys held in this process: signed by Bouncy Castle's faster code (see SoftwareEcdsa).
    private final SoftwareEcdsa software;

    JcaSigningKey(PrivateKey privateKey, PublicKey publicKey, Provider provider, String description) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.provider = provider;
        this.description = description;
        this.algorithm = KeyAlgorithm.of(publicKey)
                .orElseThrow(() -> new KeyUnavailableException(description + " holds an unsupported key: "
                        + KeyAlgorithm.describe(publicKey)));
        this.software = provider == null
                ? SoftwareEcdsa.of(privateKey, algorithm).orElse(null) : null;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public KeyAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public byte[] sign(byte[] data) {
        try {
            if (software != null) {
                return software.sign(data);
            }
            Signature signature = provider == null
                    ? Signature.getInstance(signatureAlgorithm())
                    : Signature.getInstance(signatureAlgorithm(), provider);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyUnavailableException(description + " could not sign", e);
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return description + " (" + algorithm + ")";
    }
}
