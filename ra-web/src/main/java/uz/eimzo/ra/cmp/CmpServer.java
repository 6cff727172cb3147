package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.storage.CmpTransactionStore;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.revocation.RevocationException;
import uz.eimzo.ca.signing.CmpProtection;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

/**
 * Answers one CMP message with another: checks the header, hands the message to the handler of its type
 * ({@link Enrollment} for ir/cr/p10cr, {@link Renewal} for kur, {@link RevocationRequest} for rr, {@link Confirmation}
 * for certConf, {@link GeneralMessage} for genm) and turns every refusal into an audited {@code error} message with
 * PKIFailureInfo bits. Answers are MAC-protected with the client's secret when the request was, otherwise signed by
 * the issuing CA's key in its own algorithm ({@link AnswerProtection}).
 */
public final class CmpServer {

    private static final Logger log = LoggerFactory.getLogger(CmpServer.class);

    private final CaServices ca;
    private final String issuingCa;
    private final AnswerProtection answers;
    private final Enrollment enrollment;
    private final Renewal renewal;
    private final RevocationRequest revocation;
    private final Confirmation confirmation;
    private final GeneralMessage general;

    /** @param protection the CA's signing module, asked to protect each signed answer; this class never sees a key */
    public CmpServer(CaServices ca, Registrations registrations, EnrollmentCodes codes, CmpProtection protection,
                     String issuingCa, CmpProperties properties, Clock clock) {
        this(ca, registrations, codes, protection::signerFor, issuingCa, properties, clock);
    }

    CmpServer(CaServices ca, Registrations registrations, EnrollmentCodes codes, AnswerSigner signer,
              String issuingCa, CmpProperties properties, Clock clock) {
        this.ca = ca;
        this.issuingCa = issuingCa;
        this.answers = new AnswerProtection(ca, signer, issuingCa, clock);
        RequestProtection protection = new RequestProtection(ca, properties.maxPbmIterations(),
                new ProtectionFailures(properties.maxFailedProtections(), properties.failedProtectionWindow(), clock));
        CmpTransactionStore transactions = ca.cmpTransactions();
        Undelivered undelivered = new Undelivered(ca);
        this.enrollment = new Enrollment(ca, registrations, codes, protection, answers, transactions, undelivered,
                properties.enrollmentAttempts(), clock);
        this.renewal = new Renewal(ca, protection, answers, transactions, undelivered, properties.renewalWindow(), clock);
        this.revocation = new RevocationRequest(ca, protection, answers, clock);
        this.confirmation = new Confirmation(ca, codes, protection, answers, transactions, properties.confirmWindow(), clock);
        this.general = new GeneralMessage(codes, protection, answers);
    }

    /** The DER of the response to a DER request from an unknown address; never throws. */
    public byte[] handle(byte[] der, String label) {
        return handle(der, label, null);
    }

    /**
     * The DER of the response to a DER request; never throws.
     *
     * @param client the client's address, for the limit on failed protection checks; null when unknown
     */
    public byte[] handle(byte[] der, String label, String client) {
        PKIMessage request;
        try {
            request = PKIMessage.getInstance(ASN1Primitive.fromByteArray(der));
            request.getHeader().getSender();
            request.getBody().getType();
        } catch (IOException | RuntimeException malformed) {
            return AnswerProtection.encode(answers.errorWithoutRequest("The body is not a DER-encoded PKIMessage"));
        }
        Exchange exchange = new Exchange(request, client);
        int type = request.getBody().getType();
        try {
            checkHeader(request.getHeader(), label);
            PKIMessage response = switch (type) {
                case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ, PKIBody.TYPE_P10_CERT_REQ -> enrollment.handle(exchange);
                case PKIBody.TYPE_KEY_UPDATE_REQ -> renewal.handle(exchange);
                case PKIBody.TYPE_REVOCATION_REQ -> revocation.handle(exchange);
                case PKIBody.TYPE_CERT_CONFIRM -> confirmation.handle(exchange);
                case PKIBody.TYPE_GEN_MSG -> general.handle(exchange);
                default -> throw new CmpFailure(PKIFailureInfo.badRequest,
                        "Message type " + type + " is not offered; use ir, cr, p10cr, kur, rr, certConf or genm");
            };
            return AnswerProtection.encode(response);
        } catch (CmpFailure refused) {
            return refuse(exchange, refused.failInfo(), refused.getMessage());
        } catch (RegistrationException | IssuanceException | RevocationException refused) {
            return refuse(exchange, PKIFailureInfo.badRequest, refused.getMessage());
        } catch (RuntimeException broken) {
            log.error("CMP request type {} failed", type, broken);
            audit(exchange, PKIFailureInfo.systemFailure, "system failure: " + broken.getClass().getSimpleName());
            return AnswerProtection.encode(answers.error(exchange, PKIFailureInfo.systemFailure,
                    "The CA could not process the request; nothing was changed. Try again later"));
        }
    }

    private byte[] refuse(Exchange exchange, int failInfo, String reason) {
        log.info("CMP request type {} refused: {}", exchange.type(), reason);
        audit(exchange, failInfo, reason);
        return AnswerProtection.encode(answers.error(exchange, failInfo, reason));
    }

    /** Refusals go to the audit log too: a run of bad MACs or foreign signers is worth an auditor's look. */
    private void audit(Exchange exchange, int failInfo, String reason) {
        try {
            ca.audit().recordAlone(AuditEvent.failure(
                    "cmp:" + exchange.claimedSender(), "cmp.body" + exchange.type(), issuingCa,
                    Map.of("failInfo", Integer.toString(failInfo), "reason", reason,
                            "client", exchange.client == null ? "unknown" : exchange.client)));
        } catch (RuntimeException e) {
            log.warn("Could not audit a CMP refusal", e);
        }
    }

    private void checkHeader(PKIHeader header, String label) {
        int pvno = header.getPvno().intValueExact();
        if (pvno != PKIHeader.CMP_2000 && pvno != 3) {
            throw new CmpFailure(PKIFailureInfo.unsupportedVersion, "Protocol version " + pvno + " is not supported; use 2 or 3");
        }
        if (header.getTransactionID() == null || header.getTransactionID().getOctets().length < 16) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "A transactionID of at least 128 bits is required (RFC 9483 3.1)");
        }
        if (header.getSenderNonce() == null || header.getSenderNonce().getOctets().length < 16) {
            throw new CmpFailure(PKIFailureInfo.badSenderNonce, "A senderNonce of at least 128 bits is required (RFC 9483 3.1)");
        }
        if (label != null && !label.equals(issuingCa) && ca.profiles().all().stream().noneMatch(p -> p.name().equals(label))) {
            throw new CmpFailure(PKIFailureInfo.wrongAuthority, "Unknown CMP path label " + label);
        }
    }
}
