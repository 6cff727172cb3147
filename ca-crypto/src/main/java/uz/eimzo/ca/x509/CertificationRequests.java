package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Set;

/** Parses PKCS#10 requests (PEM or DER) and checks their proof of possession. */
public final class CertificationRequests {

    static {
        // Certificates and requests may carry O'z DSt 1092 keys: the JDK must find their provider.
        UzDst.install();
    }

    /** Largest request we read: a CSR with an RSA-4096 key and attributes stays well under it. */
    public static final int MAX_SIZE = 64 * 1024;

    private CertificationRequests() {
    }

    /** A PKCS#10 request whose signature verified with its own public key. */
    public record Parsed(PublicKey publicKey, List<DnAttribute> subject, byte[] der) {
    }

    public static Parsed parse(byte[] input) {
        if (input == null || input.length == 0) {
            throw new MalformedInputException("csr.empty", "The certificate request is empty");
        }
        if (input.length > MAX_SIZE) {
            throw new MalformedInputException("csr.tooLarge", "The certificate request is larger than " + MAX_SIZE + " bytes");
        }
        byte[] der = unPem(input);
        PKCS10CertificationRequest request;
        try {
            request = new PKCS10CertificationRequest(der);
        } catch (Exception e) {
            throw new MalformedInputException("csr.malformed", "Not a PKCS#10 certificate request (DER or PEM)", e);
        }
        PublicKey key = publicKey(request.getSubjectPublicKeyInfo());
        try {
            ContentVerifierProvider verifier = SignatureChecks.verifierFor(request.getSubjectPublicKeyInfo(), key);
            if (!request.isSignatureValid(verifier)) {
                throw new MalformedInputException("csr.signature", "The request's signature does not verify with its public key (no proof of possession)");
            }
        } catch (MalformedInputException e) {
            throw e;
        } catch (Exception e) {
            throw new MalformedInputException("csr.signature", "The request's signature cannot be checked: " + e.getMessage(), e);
        }
        List<DnAttribute> subject;
        try {
            subject = Names.decode(request.getSubject());
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("csr.subject", "The request's subject is malformed", e);
        }
        return new Parsed(key, subject, der);
    }

    static PublicKey publicKey(SubjectPublicKeyInfo info) {
        String oid = info.getAlgorithm().getAlgorithm().getId();
        String family = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            default -> KeyFamilies.familyOf(oid);
        };
        if (family == null) {
            throw new MalformedInputException("csr.keyAlgorithm", "Unsupported public key algorithm " + oid);
        }
        try {
            return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(info.getEncoded("DER")));
        } catch (Exception e) {
            // A national key on a parameter set we do not implement: say which, so the applicant's tool can be set to A.
            String detail = UzDst.KEY_ALGORITHM.equals(family) && e.getMessage() != null ? " (" + e.getMessage() + ")" : "";
            throw new MalformedInputException("csr.publicKey",
                    "The request's public key is malformed or uses an unsupported curve" + detail, e);
        }
    }

    private static byte[] unPem(byte[] input) {
        if (!Pem.isPem(input)) {
            return input;
        }
        try {
            return Pem.decode(input, Set.of(Pem.CERTIFICATE_REQUEST, Pem.NEW_CERTIFICATE_REQUEST));
        } catch (MalformedInputException e) {
            throw new MalformedInputException("csr.malformed", e.getMessage(), e);
        }
    }
}
