package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.CertificateConfirmationContent;
import org.bouncycastle.cert.cmp.CertificateStatus;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import uz.eimzo.ca.storage.CmpTransactionStore;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.gost.UzDst;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * certConf → pkiConf. Protected like the request it confirms (the enrollment code's MAC, or the kur signer's
 * signature). The pkiConf is produced before the confirmation or rejection commits.
 */
final class Confirmation {

    /**
     * certHash uses the hash of the certificate's signature algorithm (RFC 4210 5.3.18); Bouncy Castle's table does
     * not know the Uzbek national one, whose certificates are hashed with O'z DSt 1106.
     */
    static final DigestAlgorithmIdentifierFinder CERT_HASHES = new DigestAlgorithmIdentifierFinder() {
        private final DefaultDigestAlgorithmIdentifierFinder standard = new DefaultDigestAlgorithmIdentifierFinder();

        @Override
        public AlgorithmIdentifier find(AlgorithmIdentifier signature) {
            String oid = signature.getAlgorithm().getId();
            if (oid.equals(UzDst.SIGNATURE_OID)) {
                return new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.DIGEST_OID));
            }
            if (oid.equals(UzDst.SIGNATURE_2024_OID)) {
                return new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.DIGEST_2024_OID));
            }
            return standard.find(signature);
        }

        @Override
        public AlgorithmIdentifier find(ASN1ObjectIdentifier digest) {
            return standard.find(digest);
        }

        @Override
        public AlgorithmIdentifier find(String digestName) {
            return standard.find(digestName);
        }
    };

    private final CaServices ca;
    private final EnrollmentCodes codes;
    private final RequestProtection protection;
    private final AnswerProtection answers;
    private final CmpTransactionStore transactions;
    private final Duration window;
    private final Clock clock;

    Confirmation(CaServices ca, EnrollmentCodes codes, RequestProtection protection, AnswerProtection answers,
                 CmpTransactionStore transactions, Duration window, Clock clock) {
        this.ca = ca;
        this.codes = codes;
        this.protection = protection;
        this.answers = answers;
        this.transactions = transactions;
        this.window = window;
        this.clock = clock;
    }

    PKIMessage handle(Exchange exchange) {
        byte[] transactionId = exchange.header().getTransactionID().getOctets();
        CmpTransactionStore.Pending pending = transactions.find(transactionId).orElseThrow(() -> new CmpFailure(
                PKIFailureInfo.badRequest, "No certificate of this transaction awaits confirmation"));
        ProtectedPKIMessage protectedRequest = protection.protectedMessage(exchange);
        if (pending.kind() == CmpTransactionStore.Kind.ENROLL) {
            if (!protectedRequest.hasPasswordBasedMacProtection() || !pending.reference().equals(Requests.senderKid(exchange.header()))) {
                throw protection.refused(exchange, PKIFailureInfo.badMessageCheck, "Confirm with the MAC of the enrollment code");
            }
            protection.acceptableMacParameters(exchange, protectedRequest);
            byte[] secret = codes.secretOfRedeemed(pending.reference(), window.plusMinutes(1))
                    .orElseThrow(() -> new CmpFailure(PKIFailureInfo.badMessageCheck, "The enrollment code is no longer valid"));
            protection.verifyMac(exchange, protectedRequest, new String(secret, StandardCharsets.UTF_8).toCharArray());
        } else {
            RequestProtection.Signer signer = protection.verifiedSigner(exchange, protectedRequest);
            if (signer.ca().id() != pending.signerCaId() || !signer.record().serial().equals(pending.signerSerial())) {
                throw new CmpFailure(PKIFailureInfo.notAuthorized, "Confirm with the certificate that signed the key update");
            }
        }
        if (pending.closed()) {
            throw new CmpFailure(PKIFailureInfo.certConfirmed, "The certificate was already confirmed or rejected");
        }
        Instant now = clock.instant();
        if (pending.createdAt().plus(window).isBefore(now)) {
            throw new CmpFailure(PKIFailureInfo.badTime, "The confirmation came too late");
        }
        CertificateStatus[] statuses = new CertificateConfirmationContent(
                CertConfirmContent.getInstance(exchange.request.getBody().getContent()), CERT_HASHES).getStatusMessages();
        if (statuses.length != 1) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Exactly one certificate status is expected");
        }
        CertificateRecord issued = ca.certificates().find(pending.caId(), pending.serial()).orElseThrow();
        X509CertificateHolder holder = AnswerProtection.holder(issued.certificate());
        CertificateStatus status = statuses[0];
        try {
            if (!status.isVerified(holder, new JcaDigestCalculatorProviderBuilder().build())) {
                throw new CmpFailure(PKIFailureInfo.badCertId, "certHash does not match the issued certificate");
            }
        } catch (CMPException | OperatorCreationException e) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "certHash cannot be checked: " + e.getMessage());
        }
        boolean rejected = status.getStatusInfo() != null
                && status.getStatusInfo().getStatus().intValueExact() == PKIStatus.REJECTION;
        PKIMessage answer = answers.respond(exchange, new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE), List.of(), false);
        boolean closed = transactions.close(transactionId, !rejected, now, () -> {
            if (rejected) {
                // The client refused the certificate (RFC 9483 4.1.1): it must not stay valid.
                ca.revocations().revoke(ca.authoritiesDirectory().byId(pending.caId()).orElseThrow().name(), pending.serial(),
                        RevocationReason.CESSATION_OF_OPERATION, null, "cmp:certConf");
            }
        });
        if (!closed) {
            throw new CmpFailure(PKIFailureInfo.certConfirmed, "The certificate was confirmed, rejected or revoked meanwhile");
        }
        return answer;
    }
}
