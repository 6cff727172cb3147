package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import uz.eimzo.ca.storage.CmpTransactionStore;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.Registrations;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;

/**
 * ir, cr and p10cr: MAC-protected with an enrollment code's secret (senderKID = the code's reference). The subject
 * and profile are the RA-verified ones of the code's request, whatever the client asked for. The code's retry rule:
 * a refusal after the MAC verified counts one attempt (the client may fix its key or request and retry), the
 * configured number of attempts spends it, and a delivered certificate consumes it.
 */
final class Enrollment {

    private final CaServices ca;
    private final Registrations registrations;
    private final EnrollmentCodes codes;
    private final RequestProtection protection;
    private final AnswerProtection answers;
    private final CmpTransactionStore transactions;
    private final Undelivered undelivered;
    private final int attempts;
    private final Clock clock;

    Enrollment(CaServices ca, Registrations registrations, EnrollmentCodes codes, RequestProtection protection,
               AnswerProtection answers, CmpTransactionStore transactions, Undelivered undelivered, int attempts, Clock clock) {
        this.ca = ca;
        this.registrations = registrations;
        this.codes = codes;
        this.protection = protection;
        this.answers = answers;
        this.transactions = transactions;
        this.undelivered = undelivered;
        this.attempts = attempts;
        this.clock = clock;
    }

    PKIMessage handle(Exchange exchange) {
        PKIMessage request = exchange.request;
        ProtectedPKIMessage protectedRequest = protection.protectedMessage(exchange);
        if (!protectedRequest.hasPasswordBasedMacProtection()) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized,
                    "Enrollment needs a MAC with the enrollment code (senderKID = reference); to renew, use kur");
        }
        protection.acceptableMacParameters(exchange, protectedRequest);
        String reference = Requests.senderKid(request.getHeader());
        EnrollmentCodes.Redeemable code = codes.find(reference).orElseThrow(() -> protection.refused(exchange,
                PKIFailureInfo.badMessageCheck, "The enrollment code is unknown, used or expired"));
        protection.verifyMac(exchange, protectedRequest, new String(code.secret(), StandardCharsets.UTF_8).toCharArray());
        byte[] transactionId = request.getHeader().getTransactionID().getOctets();
        if (transactions.find(transactionId).isPresent()) {
            throw new CmpFailure(PKIFailureInfo.transactionIdInUse, "This transactionID was used before; start a new transaction");
        }

        int type = request.getBody().getType();
        BigInteger certReqId;
        IssuedCertificate issued;
        try {
            PublicKey key;
            if (type == PKIBody.TYPE_P10_CERT_REQ) {
                certReqId = BigInteger.valueOf(-1);
                key = Requests.p10Key(request.getBody().getContent());
            } else {
                CertificateRequestMessage message = Requests.singleRequest(request.getBody().getContent());
                certReqId = message.getCertReqId().getValue();
                key = Requests.provenKey(message);
            }
            Requests.requireAllowedKey(ca.profiles(), registrations.enrollable(code.requestId()).profile(), key);
            issued = registrations.issueEnrolled(code.requestId(), key, "cmp:" + reference);
        } catch (CmpFailure | RegistrationException | IssuanceException refused) {
            int left = codes.recordRefusal(reference, attempts);
            int failInfo = refused instanceof CmpFailure failure ? failure.failInfo()
                    // A key the CA does not certify (a P-256 key under a GOST-UZ CA, say) is the algorithm's fault.
                    : refused instanceof IssuanceException i && i.code().startsWith("key.") ? PKIFailureInfo.badAlg
                    : PKIFailureInfo.badRequest;
            throw new CmpFailure(failInfo, refused.getMessage() + (left > 0
                    ? "; the enrollment code allows " + left + " more attempt(s)"
                    : "; the enrollment code is now spent, ask the centre for a new one"));
        }
        return deliver(exchange, reference, type, certReqId, issued);
    }

    /** The answer is produced before the code is spent; if it cannot be, the new certificate is revoked. */
    private PKIMessage deliver(Exchange exchange, String reference, int type, BigInteger certReqId, IssuedCertificate issued) {
        Instant now = clock.instant();
        byte[] transactionId = exchange.header().getTransactionID().getOctets();
        boolean implicit = Requests.implicitConfirm(exchange.header());
        try {
            // Open until confirmed: should anything below fail and its undo too, the overdue job still revokes it.
            transactions.record(transactionId, CmpTransactionStore.Kind.ENROLL, reference, null, issued, now, null);
            int responseType = type == PKIBody.TYPE_INIT_REQ ? PKIBody.TYPE_INIT_REP : PKIBody.TYPE_CERT_REP;
            // caPubs gives a MAC-authenticated client its trust anchor (RFC 9483 4.1.1).
            CMPCertificate[] caPubs = type == PKIBody.TYPE_INIT_REQ
                    ? new CMPCertificate[]{AnswerProtection.cmp(answers.root(issued.ca()))} : null;
            PKIMessage answer = answers.certResponse(exchange, responseType, certReqId, issued, caPubs, implicit);
            transactions.settle(transactionId, implicit, now, () -> {
                codes.consume(reference);
                codes.passRevocationCode(reference, issued.ca().id(), issued.serial());
            });
            return answer;
        } catch (RuntimeException failed) {
            throw undelivered.undo(exchange, issued, failed);
        }
    }
}
