package uz.eimzo.ca.signing;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.ProtectedPart;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Protects CMP answers (RFC 4210 5.1.3.3) with the CA's key, in its own algorithm (GOST-UZ included). The CMP server
 * gets a Bouncy Castle {@link ContentSigner} for {@code ProtectedPKIMessageBuilder}, never the key: it signs only a
 * DER ProtectedPart (header and body) whose header names this CA as sender and the key's algorithm as protectionAlg,
 * and checks the signature with the CA certificate's public key before returning it.
 */
public final class CmpProtection {

    private final CaSigner signer;

    CmpProtection(CaSigner signer) {
        this.signer = signer;
    }

    /** A signer for one protected answer of {@code ca} (it buffers what it signs). */
    public ContentSigner signerFor(CertificateAuthority ca) {
        SigningKey key = signer.open(ca);
        AlgorithmIdentifier algorithm = AlgorithmIdentifier.getInstance(
                Certificates.signatureAlgorithmIdentifier(key.signatureAlgorithm()));
        return new ContentSigner() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                byte[] protectedPart = buffer.toByteArray();
                requireAnswerOf(ca, algorithm, protectedPart);
                byte[] signature = key.sign(protectedPart);
                if (!CaSigner.verifies(ca.certificate().getPublicKey(), key.signatureAlgorithm(), protectedPart, signature)) {
                    throw new SignatureNotVerified("The key of CA " + ca.name()
                            + " produced a CMP protection that does not verify");
                }
                return signature;
            }
        };
    }

    private static void requireAnswerOf(CertificateAuthority ca, AlgorithmIdentifier algorithm, byte[] protectedPart) {
        PKIHeader header = protectedPart(protectedPart).getHeader();
        GeneralName sender = new GeneralName(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()));
        if (!sender.equals(header.getSender()) || header.getProtectionAlg() == null
                || !Arrays.equals(CaSigner.encoded(header.getProtectionAlg()), CaSigner.encoded(algorithm))) {
            throw new IllegalArgumentException("Not a CMP answer of CA " + ca.name() + " protected in its key's algorithm");
        }
    }

    private static ProtectedPart protectedPart(byte[] der) {
        try {
            return ProtectedPart.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException malformed) {
            throw new IllegalArgumentException("Not a CMP ProtectedPart", malformed);
        }
    }
}
