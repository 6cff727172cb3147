package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevRepContentBuilder;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.revocation.RevocationReason;

import java.time.Clock;
import java.util.List;

/**
 * rr: revocation by the key holder, signed by the certificate's own key. The answer is built and protected before
 * the revocation commits, so a client told "failed" never finds its certificate revoked.
 */
final class RevocationRequest {

    private final CaServices ca;
    private final RequestProtection protection;
    private final AnswerProtection answers;
    private final Clock clock;

    RevocationRequest(CaServices ca, RequestProtection protection, AnswerProtection answers, Clock clock) {
        this.ca = ca;
        this.protection = protection;
        this.answers = answers;
        this.clock = clock;
    }

    PKIMessage handle(Exchange exchange) {
        RequestProtection.Signer signer = protection.verifiedSigner(exchange, protection.protectedMessage(exchange));
        RevDetails[] details = RevReqContent.getInstance(exchange.request.getBody().getContent()).toRevDetailsArray();
        if (details.length != 1) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Exactly one certificate per revocation request");
        }
        CertTemplate template = details[0].getCertDetails();
        if (template.getSerialNumber() == null || template.getIssuer() == null
                || !template.getSerialNumber().getValue().equals(signer.record().serial())
                || !template.getIssuer().equals(signer.holder().getIssuer())) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized,
                    "A certificate can only be revoked with a request signed by its own key");
        }
        CertificateRecord record = signer.record();
        if (record.status() == CertificateStatus.REVOKED) {
            throw new CmpFailure(PKIFailureInfo.certRevoked, "The certificate is already revoked");
        }
        if (clock.instant().isAfter(record.notAfter())) {
            throw new CmpFailure(PKIFailureInfo.signerNotTrusted, "The certificate has expired");
        }
        RevocationReason reason = reasonOf(details[0].getCrlEntryDetails());
        PKIBody body = new PKIBody(PKIBody.TYPE_REVOCATION_REP, new RevRepContentBuilder()
                .add(new PKIStatusInfo(PKIStatus.granted),
                        new CertId(new GeneralName(signer.holder().getIssuer()), record.serial()))
                .build());
        PKIMessage answer = answers.respond(exchange, body, List.of(), false);
        // Only now, with the answer in hand: a refusal here (revoked meanwhile) discards it and answers the error.
        ca.revocations().revoke(signer.ca().name(), record.serial(), reason, null, "cmp:rr:" + record.serial().toString(16));
        return answer;
    }

    private static RevocationReason reasonOf(Extensions entryDetails) {
        if (entryDetails == null || entryDetails.getExtension(Extension.reasonCode) == null) {
            return RevocationReason.UNSPECIFIED;
        }
        int code = CRLReason.getInstance(entryDetails.getExtension(Extension.reasonCode).getParsedValue()).getValue().intValueExact();
        RevocationReason reason;
        try {
            reason = RevocationReason.of(code);
        } catch (IllegalArgumentException unknown) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Unknown revocation reason " + code);
        }
        if (reason == RevocationReason.CERTIFICATE_HOLD || reason == RevocationReason.REMOVE_FROM_CRL
                || reason == RevocationReason.CA_COMPROMISE || reason == RevocationReason.AA_COMPROMISE) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Reason " + reason + " cannot be requested by a certificate holder");
        }
        return reason;
    }
}
