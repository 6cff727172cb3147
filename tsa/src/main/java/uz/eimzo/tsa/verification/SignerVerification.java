package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.SignerInformation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * One signer checked.
 *
 * @param certificate        the signer's certificate, or null when the document does not carry it
 * @param chain              its chain, or null without a certificate
 * @param signatureValid     the signature over the signed attributes (or content) verifies and covers this content
 * @param claimedSigningTime the signingTime signed attribute: the signer's own clock, not proof
 * @param timeStamp          the time-stamp token checked, or null when there is none
 * @param signingTime        the time proven by a verified time-stamp token, or null
 * @param referenceTime      the time validity and status were judged at: {@code signingTime}, else the verification time
 * @param identity           PINFL, STIRs and the certificate's policies
 */
public record SignerVerification(int index, SignerInformation signer, X509Certificate certificate,
                                 CertificateChain chain, boolean signatureValid, String problem,
                                 Instant claimedSigningTime, TimeStampVerification timeStamp, Instant signingTime,
                                 Instant referenceTime, boolean chainValidAtSigningTime, StatusReport status,
                                 SignerIdentity identity, Verdict verdict) {

    /** The signature algorithm's OID as the SignerInfo names it. */
    public String signatureAlgorithm() {
        return signer.getEncryptionAlgOID();
    }

    public String digestAlgorithm() {
        return signer.getDigestAlgOID();
    }

    /** The signature value. */
    public byte[] signatureValue() {
        return signer.getSignature();
    }

    /** The issuer name and serial (hex) the SignerInfo identifies its certificate by; null parts when it uses a key id. */
    public String signerIssuer() {
        return Names.text(signer.getSID().getIssuer());
    }

    public String signerSerialHex() {
        return signer.getSID().getSerialNumber() == null ? null : signer.getSID().getSerialNumber().toString(16);
    }

    /** The message-digest signed attribute, or null without signed attributes (or a malformed one). */
    public byte[] messageDigest() {
        if (signer.getSignedAttributes() == null) {
            return null;
        }
        Attribute digest = signer.getSignedAttributes().get(CMSAttributes.messageDigest);
        try {
            return digest == null ? null : ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0)).getOctets();
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    /**
     * @param pinfl            subject attribute 1.2.860.3.16.1.2
     * @param organisationStir subject attribute 1.2.860.3.16.1.1 (present exactly for a legal entity's certificate)
     * @param personalStir     subject attribute UID, the person's own STIR
     * @param policies         the certificate policy OIDs
     */
    public record SignerIdentity(String subject, String pinfl, String organisationStir, String personalStir,
                                 List<String> policies) {
    }
}
