package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.crmf.CRMFObjectIdentifiers;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import uz.eimzo.ca.storage.CmpTransactionStore;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.revocation.RevocationCodes;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * kur: a new key for the same identity, signed with the current certificate inside the renewal window. The current
 * certificate stays as it is; the new one is revoked again if its answer cannot be produced.
 */
final class Renewal {

    private final CaServices ca;
    private final RequestProtection protection;
    private final AnswerProtection answers;
    private final CmpTransactionStore transactions;
    private final Undelivered undelivered;
    private final Duration window;
    private final Clock clock;

    Renewal(CaServices ca, RequestProtection protection, AnswerProtection answers, CmpTransactionStore transactions,
            Undelivered undelivered, Duration window, Clock clock) {
        this.ca = ca;
        this.protection = protection;
        this.answers = answers;
        this.transactions = transactions;
        this.undelivered = undelivered;
        this.window = window;
        this.clock = clock;
    }

    PKIMessage handle(Exchange exchange) {
        RequestProtection.Signer signer = protection.verifiedSigner(exchange, protection.protectedMessage(exchange));
        CertificateRecord current = signer.record();
        requireUsable(current, clock.instant());
        Instant opens = current.notAfter().minus(window);
        if (clock.instant().isBefore(opens)) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, "Renewal opens " + window.toDays()
                    + " days before expiry, on " + opens + "; this certificate expires " + current.notAfter());
        }
        CertificateRequestMessage message = Requests.singleRequest(exchange.request.getBody().getContent());
        if (message.hasControl(CRMFObjectIdentifiers.id_regCtrl_oldCertID)) {
            CertId old = CertId.getInstance(message.getControlValue(CRMFObjectIdentifiers.id_regCtrl_oldCertID));
            X500Name oldIssuer = X500Name.getInstance(old.getIssuer().getName());
            if (!old.getSerialNumber().getValue().equals(current.serial())
                    || !oldIssuer.equals(X500Name.getInstance(signer.holder().getIssuer()))) {
                throw new CmpFailure(PKIFailureInfo.badCertId,
                        "oldCertID names another certificate than the one that signed the request");
            }
        }
        CertTemplate template = message.getCertTemplate();
        if (template.getSubject() != null && !template.getSubject().equals(signer.holder().getSubject())) {
            throw new CmpFailure(PKIFailureInfo.badCertTemplate,
                    "A renewal keeps the identity of the current certificate; the requested subject differs");
        }
        PublicKey key = Requests.provenKey(message);
        Requests.requireAllowedKey(ca.profiles(), current.profile(), key);
        byte[] transactionId = exchange.header().getTransactionID().getOctets();
        if (transactions.find(transactionId).isPresent()) {
            throw new CmpFailure(PKIFailureInfo.transactionIdInUse, "This transactionID was used before; start a new transaction");
        }
        IssuedCertificate issued = ca.issuer().renew(signer.ca().name(), current.serial(), key,
                "cmp:kur:" + current.serial().toString(16));
        Instant now = clock.instant();
        boolean implicit = Requests.implicitConfirm(exchange.header());
        try {
            transactions.record(transactionId, CmpTransactionStore.Kind.RENEW, null, current, issued, now, null);
            PKIMessage answer = answers.certResponse(exchange, PKIBody.TYPE_KEY_UPDATE_REP, message.getCertReqId().getValue(),
                    issued, null, implicit);
            transactions.settle(transactionId, implicit, now, () -> ca.revocationCodes()
                    .carryOver(current.caId(), current.serial(), issued.ca().id(), issued.serial()));
            return answer;
        } catch (RuntimeException failed) {
            throw undelivered.undo(exchange, issued, failed);
        }
    }

    private static void requireUsable(CertificateRecord record, Instant now) {
        if (record.status() == CertificateStatus.REVOKED) {
            throw new CmpFailure(PKIFailureInfo.certRevoked, "The certificate is revoked");
        }
        if (record.status() == CertificateStatus.HOLD) {
            throw new CmpFailure(PKIFailureInfo.certRevoked, "The certificate is suspended");
        }
        if (!record.validAt(now)) {
            throw new CmpFailure(PKIFailureInfo.signerNotTrusted, "The certificate has expired; apply at a service centre");
        }
    }
}
