package uz.eimzo.ra.cmp;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.OperatorCreationException;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CmsSignerVerifiers;
import uz.eimzo.ca.x509.Pem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Set;
import java.security.cert.CertificateException;
import java.util.Arrays;
import uz.eimzo.ca.refusal.Refusal;

/**
 * Proof of possession for web renewal: the applicant signs the server's challenge as CMS SignedData (RFC 5652) with
 * the current key, embedding the current certificate. Attached or detached content, PEM or DER; ECDSA, RSA, EdDSA or
 * GOST-UZ (as the E-IMZO agent signs).
 */
public final class SignedChallenges {

    private SignedChallenges() {
    }

    /** Why a signed challenge was not accepted: a refusal code (shown as {@code error.<code>}) and its English text. */
    public enum Reason {
        NOT_CMS("proof.notCms", "The signature is not CMS SignedData (PKCS#7)"),
        MALFORMED("proof.malformed", "The signature is not well-formed CMS SignedData (PKCS#7)"),
        CONTENT_UNREADABLE("proof.contentUnreadable", "The signed content cannot be read"),
        OTHER_CHALLENGE("proof.otherChallenge",
                "The signed text is not this page's challenge (it changes every time; sign the current one)"),
        NOT_ONE_SIGNER("proof.notOneSigner", "Exactly one signature is expected"),
        NO_CERTIFICATE("proof.noCertificate", "The signature must include the signer's certificate"),
        DOES_NOT_VERIFY("proof.doesNotVerify", "The signature does not verify");

        private final String code;
        private final String text;

        Reason(String code, String text) {
            this.code = code;
            this.text = text;
        }

        public String code() {
            return code;
        }
    }

    /** A signed challenge that was not accepted, and why. */
    public static final class RefusedProof extends IllegalArgumentException implements Refusal {
        private final Reason reason;

        RefusedProof(Reason reason) {
            super(reason.text);
            this.reason = reason;
        }

        @Override
        public String code() {
            return reason.code();
        }
    }

    /**
     * The certificate whose key signed exactly {@code challenge}; the caller must still check that this CA issued it.
     *
     * @throws RefusedProof when the data is not SignedData, covers other content, or the signature does not verify
     */
    public static X509Certificate signer(byte[] signedData, byte[] challenge) {
        try {
            return verifiedSigner(signedData, challenge);
        } catch (RefusedProof refused) {
            throw refused;
        } catch (RuntimeException malformed) {
            // Bouncy Castle parses SignedData lazily: a malformed certificate or signer info inside a well-formed
            // envelope surfaces as an IllegalArgumentException or ClassCastException only when first read
            // (found by SignedChallengeFuzzTest).
            throw new RefusedProof(Reason.MALFORMED);
        }
    }

    private static X509Certificate verifiedSigner(byte[] signedData, byte[] challenge) {
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(der(signedData));
            if (cms.getSignedContent() == null) {
                cms = new CMSSignedData(new CMSProcessableByteArray(challenge), der(signedData));
            }
        } catch (CMSException | RuntimeException e) {
            throw new RefusedProof(Reason.NOT_CMS);
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try {
            cms.getSignedContent().write(content);
        } catch (IOException | CMSException e) {
            throw new RefusedProof(Reason.CONTENT_UNREADABLE);
        }
        if (!Arrays.equals(content.toByteArray(), challenge)
                && !Arrays.equals(strip(content.toByteArray()), strip(challenge))) {
            throw new RefusedProof(Reason.OTHER_CHALLENGE);
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            throw new RefusedProof(Reason.NOT_ONE_SIGNER);
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new RefusedProof(Reason.NO_CERTIFICATE);
        }
        X509CertificateHolder holder = matches.iterator().next();
        try {
            if (!signer.verify(CmsSignerVerifiers.of(holder))) {
                throw new RefusedProof(Reason.DOES_NOT_VERIFY);
            }
            return Certificates.parse(holder.getEncoded());
        } catch (CMSException | OperatorCreationException | CertificateException | IOException e) {
            throw new RefusedProof(Reason.DOES_NOT_VERIFY);
        }
    }

    /** DER as uploaded, or the one CMS block of PEM text (a malformed one is refused as not CMS by the caller). */
    private static byte[] der(byte[] input) {
        return Pem.isPem(input) ? Pem.decode(input, Set.of(Pem.CMS, Pem.PKCS7)) : input;
    }

    /** Tools sign the text with or without the final newline, or with CRLF (openssl cms without -binary). */
    private static byte[] strip(byte[] text) {
        return new String(text, StandardCharsets.UTF_8).strip().replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }
}
