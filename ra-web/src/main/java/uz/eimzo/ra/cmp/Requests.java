package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.MalformedInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;

/** Reading certificate requests out of CMP bodies: one request per message, the key and its proof of possession. */
final class Requests {

    private Requests() {
    }

    static String senderKid(PKIHeader header) {
        if (header.getSenderKID() == null) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "senderKID must carry the enrollment code's reference");
        }
        return new String(header.getSenderKID().getOctets(), StandardCharsets.UTF_8);
    }

    static CertificateRequestMessage singleRequest(ASN1Encodable content) {
        CertReqMsg[] messages = CertReqMessages.getInstance(content).toCertReqMsgArray();
        if (messages.length != 1) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Exactly one certificate request per message (RFC 9483)");
        }
        return new CertificateRequestMessage(messages[0]);
    }

    /** The template's public key, once its signing-key proof of possession verifies. */
    static PublicKey provenKey(CertificateRequestMessage message) {
        SubjectPublicKeyInfo info = message.getCertTemplate().getPublicKey();
        if (info == null) {
            throw new CmpFailure(PKIFailureInfo.badCertTemplate, "The template needs a public key; central key generation is not offered");
        }
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException | RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "The public key is malformed or of an unsupported type");
        }
        if (!message.hasProofOfPossession() || message.getProofOfPossessionType() != CertificateRequestMessage.popSigningKey) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "A signature proof of possession is required");
        }
        try {
            if (!message.isValidSigningKeyPOP(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new CmpFailure(PKIFailureInfo.badPOP, "The proof of possession does not verify with the requested key");
            }
        } catch (CRMFException | OperatorCreationException | IllegalStateException e) {
            throw new CmpFailure(PKIFailureInfo.badPOP, "The proof of possession cannot be checked: " + e.getMessage());
        }
        return key;
    }

    static PublicKey p10Key(ASN1Encodable content) {
        try {
            return CertificationRequests.parse(CertificationRequest.getInstance(content).getEncoded()).publicKey();
        } catch (MalformedInputException e) {
            throw new CmpFailure(PKIFailureInfo.badPOP, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "The PKCS#10 request is malformed");
        }
    }

    static void requireAllowedKey(ProfileCatalog profiles, String profile, PublicKey key) {
        var allowed = profiles.get(profile).allowedKeys();
        if (KeyAlgorithm.of(key).filter(allowed::contains).isEmpty()) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "Key " + KeyAlgorithm.describe(key) + " is not accepted; the profile accepts " + allowed);
        }
    }

    static boolean implicitConfirm(PKIHeader header) {
        return header.getGeneralInfo() != null && Arrays.stream(header.getGeneralInfo())
                .anyMatch(i -> i.getInfoType().equals(CMPObjectIdentifiers.it_implicitConfirm));
    }
}
