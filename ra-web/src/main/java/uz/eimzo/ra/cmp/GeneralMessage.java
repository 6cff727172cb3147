package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.registration.EnrollmentCodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** genm: the issuing CA's certificates (RFC 9483 4.3.1, 4.3.2); other info types are left out, as RFC 4210 5.3.19 allows. */
final class GeneralMessage {

    private final EnrollmentCodes codes;
    private final RequestProtection protection;
    private final AnswerProtection answers;

    GeneralMessage(EnrollmentCodes codes, RequestProtection protection, AnswerProtection answers) {
        this.codes = codes;
        this.protection = protection;
        this.answers = answers;
    }

    PKIMessage handle(Exchange exchange) {
        if (exchange.request.getProtection() != null) {
            // Protected requests are checked like any other; unprotected ones may still ask for public CA certificates.
            ProtectedPKIMessage protectedRequest = protection.protectedMessage(exchange);
            if (protectedRequest.hasPasswordBasedMacProtection()) {
                protection.acceptableMacParameters(exchange, protectedRequest);
                String reference = Requests.senderKid(exchange.header());
                byte[] secret = codes.find(reference).map(EnrollmentCodes.Redeemable::secret)
                        .orElseThrow(() -> protection.refused(exchange, PKIFailureInfo.badMessageCheck,
                                "The enrollment code is unknown, used or expired"));
                protection.verifyMac(exchange, protectedRequest, new String(secret, StandardCharsets.UTF_8).toCharArray());
            } else {
                protection.verifiedSigner(exchange, protectedRequest);
            }
        }
        CertificateAuthority issuing = answers.issuing();
        List<InfoTypeAndValue> replies = new ArrayList<>();
        for (InfoTypeAndValue asked : GenMsgContent.getInstance(exchange.request.getBody().getContent()).toInfoTypeAndValueArray()) {
            if (asked.getInfoType().equals(CMPObjectIdentifiers.id_it_caCerts)) {
                ASN1Encodable[] chain = answers.chain(issuing).stream().map(AnswerProtection::cmp).toArray(ASN1Encodable[]::new);
                replies.add(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts, new DERSequence(chain)));
            } else if (asked.getInfoType().equals(CMPObjectIdentifiers.id_it_rootCaCert)) {
                replies.add(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_rootCaCert, AnswerProtection.cmp(answers.root(issuing))));
            }
        }
        PKIBody body = new PKIBody(PKIBody.TYPE_GEN_REP, new GenRepContent(replies.toArray(InfoTypeAndValue[]::new)));
        return answers.respond(exchange, body, List.of(), false);
    }
}
