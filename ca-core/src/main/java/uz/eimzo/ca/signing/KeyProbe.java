package uz.eimzo.ca.signing;

import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.SigningKey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Optional;

/**
 * Whether a CA's key can sign on this node: it opens (PKCS#12 loaded, PKCS#11 token logged in) and a signature over a
 * fixed probe text, never a certificate or CRL structure, verifies with the CA certificate's public key.
 */
public final class KeyProbe {

    private static final byte[] PROBE = "E-IMZO CA key health probe; not a certificate".getBytes(StandardCharsets.US_ASCII);

    private final CaSigner signer;

    KeyProbe(CaSigner signer) {
        this.signer = signer;
    }

    /** What is wrong with the CA's key here, or empty when it signs and the signature verifies. */
    public Optional<String> problem(CertificateAuthority ca) {
        try {
            SigningKey key = signer.open(ca);
            byte[] signature = key.sign(PROBE);
            return verifies(key, ca, signature) ? Optional.empty() : Optional.of("the key does not match the CA certificate");
        } catch (RuntimeException e) {
            // Key storage messages name the storage and alias, never a PIN or password.
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean verifies(SigningKey key, CertificateAuthority ca, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(key.signatureAlgorithm());
            verifier.initVerify(ca.certificate().getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (NoSuchAlgorithmException noVerifierHere) {
            // The token signed, which is what this check is about; the algorithm is verified where it is registered.
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
