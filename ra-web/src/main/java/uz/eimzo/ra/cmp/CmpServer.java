package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cmp.CMPCertificate;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.CertConfirmContent;
import org.bouncycastle.asn1.cmp.CertOrEncCert;
import org.bouncycastle.asn1.cmp.CertRepMessage;
import org.bouncycastle.asn1.cmp.CertResponse;
import org.bouncycastle.asn1.cmp.CertifiedKeyPair;
import org.bouncycastle.asn1.cmp.ErrorMsgContent;
import org.bouncycastle.asn1.cmp.GenMsgContent;
import org.bouncycastle.asn1.cmp.GenRepContent;
import org.bouncycastle.asn1.cmp.InfoTypeAndValue;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cmp.RevDetails;
import org.bouncycastle.asn1.cmp.RevRepContentBuilder;
import org.bouncycastle.asn1.cmp.RevReqContent;
import org.bouncycastle.asn1.crmf.CRMFObjectIdentifiers;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.crmf.CertReqMsg;
import org.bouncycastle.asn1.crmf.CertTemplate;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.cmp.CMPException;
import org.bouncycastle.cert.cmp.GeneralPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessage;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CRMFException;
import org.bouncycastle.cert.crmf.CertificateRequestMessage;
import org.bouncycastle.cert.crmf.PKMACBuilder;
import org.bouncycastle.cert.crmf.jcajce.JcePKMACValuesCalculator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.certificates.CertificateRecord;
import uz.eimzo.ca.certificates.CertificateStatus;
import uz.eimzo.ca.certificates.RevocationReason;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.RegistrationException;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.registration.RequestView;
import uz.eimzo.ca.revocation.RevocationCodes;
import uz.eimzo.ca.revocation.RevocationException;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.MalformedInputException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Answers one CMP message with another. Enrollment (ir, cr, p10cr) must carry a password-based MAC keyed by an
 * enrollment code's secret (senderKID = the code's reference); renewal (kur) and revocation (rr) a signature by the
 * applicant's current certificate; certConf is protected like the request it confirms. Every refusal is an
 * {@code error} message with PKIFailureInfo bits; responses are MAC-protected with the client's secret when the
 * request was, otherwise signed by the issuing CA.
 */
public final class CmpServer {

    private static final Logger log = LoggerFactory.getLogger(CmpServer.class);
    private static final Provider BC = new BouncyCastleProvider();

    private final CaServices ca;
    private final Registrations registrations;
    private final EnrollmentCodes codes;
    private final KeyResolver keys;
    private final String issuingCa;
    private final CmpProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CmpServer(CaServices ca, Registrations registrations, EnrollmentCodes codes, KeyResolver keys,
                     String issuingCa, CmpProperties properties, Clock clock) {
        this.ca = ca;
        this.registrations = registrations;
        this.codes = codes;
        this.keys = keys;
        this.issuingCa = issuingCa;
        this.properties = properties;
        this.clock = clock;
    }

    /** How the answer is protected: with the client's MAC secret once it was verified, else the CA's signature. */
    private static final class Exchange {
        final PKIMessage request;
        char[] macSecret;
        PBMParameter macParameters;

        Exchange(PKIMessage request) {
            this.request = request;
        }

        PKIHeader header() {
            return request.getHeader();
        }
    }

    /** The DER of the response to a DER request; never throws. */
    public byte[] handle(byte[] der, String label) {
        PKIMessage request;
        try {
            request = PKIMessage.getInstance(ASN1Primitive.fromByteArray(der));
            request.getHeader().getSender();
            request.getBody().getType();
        } catch (IOException | RuntimeException malformed) {
            return encode(errorWithoutRequest("The body is not a DER-encoded PKIMessage"));
        }
        Exchange exchange = new Exchange(request);
        try {
            checkHeader(request.getHeader(), label);
            PKIMessage response = switch (request.getBody().getType()) {
                case PKIBody.TYPE_INIT_REQ, PKIBody.TYPE_CERT_REQ, PKIBody.TYPE_P10_CERT_REQ -> enroll(exchange);
                case PKIBody.TYPE_KEY_UPDATE_REQ -> renew(exchange);
                case PKIBody.TYPE_REVOCATION_REQ -> revoke(exchange);
                case PKIBody.TYPE_CERT_CONFIRM -> confirm(exchange);
                case PKIBody.TYPE_GEN_MSG -> general(exchange);
                default -> throw new CmpFailure(PKIFailureInfo.badRequest,
                        "Message type " + request.getBody().getType() + " is not offered; use ir, cr, p10cr, kur, rr, certConf or genm");
            };
            return encode(response);
        } catch (CmpFailure refused) {
            log.info("CMP request type {} refused: {}", request.getBody().getType(), refused.getMessage());
            audit(request, refused.failInfo(), refused.getMessage());
            return encode(error(exchange, refused.failInfo(), refused.getMessage()));
        } catch (RegistrationException | IssuanceException | RevocationException refused) {
            log.info("CMP request type {} refused by the CA: {}", request.getBody().getType(), refused.getMessage());
            audit(request, PKIFailureInfo.badRequest, refused.getMessage());
            return encode(error(exchange, PKIFailureInfo.badRequest, refused.getMessage()));
        } catch (RuntimeException broken) {
            log.error("CMP request type {} failed", request.getBody().getType(), broken);
            return encode(error(exchange, PKIFailureInfo.systemFailure, "The CA could not process the request; try again later"));
        }
    }

    /** Refusals go to the audit log too: a run of bad MACs or foreign signers is worth an auditor's look. */
    private void audit(PKIMessage request, int failInfo, String reason) {
        try {
            PKIHeader header = request.getHeader();
            String actor = header.getSenderKID() != null
                    ? "cmp:" + new String(header.getSenderKID().getOctets(), StandardCharsets.UTF_8)
                    : "cmp:" + header.getSender().getName();
            ca.transactions().executeWithoutResult(status -> ca.audit().record(uz.eimzo.ca.audit.AuditEvent.failure(
                    actor.length() > 200 ? actor.substring(0, 200) : actor, "cmp.body" + request.getBody().getType(), issuingCa,
                    java.util.Map.of("failInfo", Integer.toString(failInfo), "reason", reason))));
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

    // --- enrollment: ir, cr, p10cr with a MAC from an enrollment code ---

    private PKIMessage enroll(Exchange exchange) {
        PKIMessage request = exchange.request;
        ProtectedPKIMessage protectedRequest = protectedMessage(request);
        if (!protectedRequest.hasPasswordBasedMacProtection()) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized,
                    "Enrollment needs a MAC with the enrollment code (senderKID = reference); to renew, use kur");
        }
        String reference = senderKid(request.getHeader());
        EnrollmentCodes.Redeemable code = codes.find(reference).orElseThrow(() -> new CmpFailure(
                PKIFailureInfo.badMessageCheck, "The enrollment code is unknown, used or expired"));
        verifyMac(exchange, protectedRequest, new String(code.secret(), StandardCharsets.UTF_8).toCharArray());

        int type = request.getBody().getType();
        BigInteger certReqId;
        PublicKey key;
        if (type == PKIBody.TYPE_P10_CERT_REQ) {
            certReqId = BigInteger.valueOf(-1);
            key = p10Key(request.getBody().getContent());
        } else {
            CertificateRequestMessage message = singleRequest(request.getBody().getContent());
            certReqId = message.getCertReqId().getValue();
            key = provenKey(message);
        }
        RequestView registration = registrations.enrollable(code.requestId());
        requireAllowedKey(registration.profile(), key);
        if (!codes.redeem(reference)) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The enrollment code was used meanwhile");
        }
        // From here the code is spent: a failure below needs a new code from the centre, never a second certificate.
        IssuedCertificate issued = registrations.issueEnrolled(code.requestId(), key, "cmp:" + reference);
        codes.passRevocationCode(reference, issued.ca().id(), issued.serial());
        boolean implicit = implicitConfirm(request.getHeader());
        recordTransaction(request.getHeader(), "ENROLL", reference, null, issued, implicit);
        int responseType = switch (type) {
            case PKIBody.TYPE_INIT_REQ -> PKIBody.TYPE_INIT_REP;
            case PKIBody.TYPE_CERT_REQ -> PKIBody.TYPE_CERT_REP;
            default -> PKIBody.TYPE_CERT_REP;
        };
        // caPubs gives a MAC-authenticated client its trust anchor (RFC 9483 4.1.1).
        CMPCertificate[] caPubs = type == PKIBody.TYPE_INIT_REQ ? new CMPCertificate[]{cmp(root(issued.ca()))} : null;
        return certResponse(exchange, responseType, certReqId, issued, caPubs, implicit);
    }

    // --- renewal: kur signed with the current certificate ---

    private PKIMessage renew(Exchange exchange) {
        ProtectedPKIMessage protectedRequest = protectedMessage(exchange.request);
        Signer signer = verifiedSigner(protectedRequest);
        CertificateRecord current = signer.record();
        requireUsable(current);
        Instant now = clock.instant();
        Instant opens = current.notAfter().minus(properties.renewalWindow());
        if (now.isBefore(opens)) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, "Renewal opens " + properties.renewalWindow().toDays()
                    + " days before expiry, on " + opens + "; this certificate expires " + current.notAfter());
        }
        CertificateRequestMessage message = singleRequest(exchange.request.getBody().getContent());
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
        PublicKey key = provenKey(message);
        requireAllowedKey(current.profile(), key);
        String requester = "cmp:kur:" + current.serial().toString(16);
        IssuedCertificate issued = ca.issuer().renew(signer.ca().name(), current.serial(), key, requester);
        RevocationCodes.carryOver(ca.jdbc(), current.caId(), current.serial(), issued.ca().id(), issued.serial());
        boolean implicit = implicitConfirm(exchange.request.getHeader());
        recordTransaction(exchange.request.getHeader(), "RENEW", null, current, issued, implicit);
        return certResponse(exchange, PKIBody.TYPE_KEY_UPDATE_REP, message.getCertReqId().getValue(), issued, null, implicit);
    }

    // --- revocation: rr signed by the certificate's own key ---

    private PKIMessage revoke(Exchange exchange) {
        ProtectedPKIMessage protectedRequest = protectedMessage(exchange.request);
        Signer signer = verifiedSigner(protectedRequest);
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
        ca.revocations().revoke(signer.ca().name(), record.serial(), reason, null, "cmp:rr:" + record.serial().toString(16));
        PKIBody body = new PKIBody(PKIBody.TYPE_REVOCATION_REP, new RevRepContentBuilder()
                .add(new PKIStatusInfo(PKIStatus.granted),
                        new CertId(new GeneralName(signer.holder().getIssuer()), record.serial()))
                .build());
        return respond(exchange, body, List.of(), false);
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

    // --- certConf -> pkiConf ---

    private record Pending(String kind, String reference, Integer signerCaId, BigInteger signerSerial, int caId,
                           BigInteger serial, boolean closed) {
    }

    private PKIMessage confirm(Exchange exchange) {
        byte[] transactionId = exchange.header().getTransactionID().getOctets();
        Pending pending = ca.jdbc().sql("""
                        select kind, reference, signer_ca_id, signer_serial, ca_id, serial,
                               (confirmed_at is not null or rejected_at is not null) as closed, created_at
                        from cmp_transaction where transaction_id = ?""")
                .param(transactionId)
                .query((rs, n) -> {
                    if (rs.getTimestamp("created_at").toInstant().plus(properties.confirmWindow()).isBefore(clock.instant())) {
                        return null;
                    }
                    return new Pending(rs.getString("kind"), rs.getString("reference"), (Integer) rs.getObject("signer_ca_id"),
                            rs.getBigDecimal("signer_serial") == null ? null : rs.getBigDecimal("signer_serial").toBigIntegerExact(),
                            rs.getInt("ca_id"), rs.getBigDecimal("serial").toBigIntegerExact(), rs.getBoolean("closed"));
                })
                .optional().orElseThrow(() -> new CmpFailure(PKIFailureInfo.badRequest,
                        "No certificate of this transaction awaits confirmation"));
        if (pending == null) {
            throw new CmpFailure(PKIFailureInfo.badTime, "The confirmation came too late");
        }
        ProtectedPKIMessage protectedRequest = protectedMessage(exchange.request);
        if (pending.kind().equals("ENROLL")) {
            if (!protectedRequest.hasPasswordBasedMacProtection() || !pending.reference().equals(senderKid(exchange.header()))) {
                throw new CmpFailure(PKIFailureInfo.badMessageCheck, "Confirm with the MAC of the enrollment code");
            }
            byte[] secret = codes.secretOfRedeemed(pending.reference(), properties.confirmWindow().plusMinutes(1))
                    .orElseThrow(() -> new CmpFailure(PKIFailureInfo.badMessageCheck, "The enrollment code is no longer valid"));
            verifyMac(exchange, protectedRequest, new String(secret, StandardCharsets.UTF_8).toCharArray());
        } else {
            Signer signer = verifiedSigner(protectedRequest);
            if (signer.ca().id() != pending.signerCaId() || !signer.record().serial().equals(pending.signerSerial())) {
                throw new CmpFailure(PKIFailureInfo.notAuthorized, "Confirm with the certificate that signed the key update");
            }
        }
        if (pending.closed()) {
            throw new CmpFailure(PKIFailureInfo.certConfirmed, "The certificate was already confirmed or rejected");
        }
        org.bouncycastle.cert.cmp.CertificateStatus[] statuses = new org.bouncycastle.cert.cmp.CertificateConfirmationContent(
                CertConfirmContent.getInstance(exchange.request.getBody().getContent()),
                new org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder()).getStatusMessages();
        if (statuses.length != 1) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Exactly one certificate status is expected");
        }
        CertificateRecord issued = ca.certificates().find(pending.caId(), pending.serial()).orElseThrow();
        X509CertificateHolder holder = holder(issued.certificate());
        try {
            org.bouncycastle.cert.cmp.CertificateStatus status = statuses[0];
            if (!status.isVerified(holder, new JcaDigestCalculatorProviderBuilder().build())) {
                throw new CmpFailure(PKIFailureInfo.badCertId, "certHash does not match the issued certificate");
            }
            boolean rejected = status.getStatusInfo() != null
                    && status.getStatusInfo().getStatus().intValueExact() == PKIStatus.REJECTION;
            if (rejected) {
                // The client refused the certificate (RFC 9483 4.1.1): it must not stay valid.
                ca.revocations().revoke(ca.authoritiesDirectory().byId(pending.caId()).orElseThrow().name(), pending.serial(),
                        RevocationReason.CESSATION_OF_OPERATION, null, "cmp:certConf");
            }
            ca.jdbc().sql("update cmp_transaction set " + (rejected ? "rejected_at" : "confirmed_at") + " = ? where transaction_id = ?")
                    .params(Timestamp.from(clock.instant()), transactionId).update();
        } catch (CMPException | OperatorCreationException e) {
            throw new CmpFailure(PKIFailureInfo.badCertId, "certHash cannot be checked: " + e.getMessage());
        }
        return respond(exchange, new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE), List.of(), false);
    }

    // --- genm: CA certificates ---

    private PKIMessage general(Exchange exchange) {
        if (exchange.request.getProtection() != null) {
            // Protected requests are checked like any other; unprotected ones may still ask for public CA certificates.
            ProtectedPKIMessage protectedRequest = protectedMessage(exchange.request);
            if (protectedRequest.hasPasswordBasedMacProtection()) {
                String reference = senderKid(exchange.header());
                byte[] secret = codes.find(reference).map(EnrollmentCodes.Redeemable::secret)
                        .orElseThrow(() -> new CmpFailure(PKIFailureInfo.badMessageCheck, "The enrollment code is unknown, used or expired"));
                verifyMac(exchange, protectedRequest, new String(secret, StandardCharsets.UTF_8).toCharArray());
            } else {
                verifiedSigner(protectedRequest);
            }
        }
        List<InfoTypeAndValue> answers = new ArrayList<>();
        for (InfoTypeAndValue asked : GenMsgContent.getInstance(exchange.request.getBody().getContent()).toInfoTypeAndValueArray()) {
            if (asked.getInfoType().equals(CMPObjectIdentifiers.id_it_caCerts)) {
                CertificateAuthority issuing = ca.authoritiesDirectory().require(issuingCa);
                ASN1Encodable[] chain = chain(issuing).stream().map(CmpServer::cmp).toArray(ASN1Encodable[]::new);
                answers.add(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_caCerts, new DERSequence(chain)));
            } else if (asked.getInfoType().equals(CMPObjectIdentifiers.id_it_rootCaCert)) {
                answers.add(new InfoTypeAndValue(CMPObjectIdentifiers.id_it_rootCaCert,
                        cmp(root(ca.authoritiesDirectory().require(issuingCa)))));
            }
            // Other info types are left out of the answer, as RFC 4210 5.3.19 allows.
        }
        PKIBody body = new PKIBody(PKIBody.TYPE_GEN_REP, new GenRepContent(answers.toArray(InfoTypeAndValue[]::new)));
        return respond(exchange, body, List.of(), false);
    }

    // --- shared checks ---

    private record Signer(CertificateAuthority ca, CertificateRecord record, X509CertificateHolder holder) {
    }

    /** The request's protection certificate (first of extraCerts), as this CA issued it, with a verifying signature. */
    private Signer verifiedSigner(ProtectedPKIMessage message) {
        if (message.hasPasswordBasedMacProtection()) {
            throw new CmpFailure(PKIFailureInfo.notAuthorized, "This request must be signed with the certificate's own key, not a MAC");
        }
        X509CertificateHolder[] certificates = message.getCertificates();
        if (certificates.length == 0) {
            throw new CmpFailure(PKIFailureInfo.signerNotTrusted, "The signer's certificate must come first in extraCerts");
        }
        X509CertificateHolder presented = certificates[0];
        Signer signer = ca.authoritiesDirectory().all().stream()
                .filter(authority -> X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded())
                        .equals(presented.getIssuer()))
                .flatMap(authority -> ca.certificates().find(authority.id(), presented.getSerialNumber()).stream()
                        .filter(r -> r.certificate() != null && Arrays.equals(Certificates.der(r.certificate()), encoded(presented)))
                        .map(r -> new Signer(authority, r, presented)))
                .findFirst()
                .orElseThrow(() -> new CmpFailure(PKIFailureInfo.signerNotTrusted,
                        "The signing certificate was not issued by this CA"));
        try {
            if (!message.verify(new JcaContentVerifierProviderBuilder().build(signer.record().certificate().getPublicKey()))) {
                throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The signature does not verify with the certificate's key");
            }
        } catch (CMPException | OperatorCreationException e) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The signature cannot be checked: " + e.getMessage());
        }
        return signer;
    }

    private void requireUsable(CertificateRecord record) {
        if (record.status() == CertificateStatus.REVOKED) {
            throw new CmpFailure(PKIFailureInfo.certRevoked, "The certificate is revoked");
        }
        if (record.status() == CertificateStatus.HOLD) {
            throw new CmpFailure(PKIFailureInfo.certRevoked, "The certificate is suspended");
        }
        if (!record.validAt(clock.instant())) {
            throw new CmpFailure(PKIFailureInfo.signerNotTrusted, "The certificate has expired; apply at a service centre");
        }
    }

    private void verifyMac(Exchange exchange, ProtectedPKIMessage message, char[] secret) {
        try {
            PKMACBuilder mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC));
            if (!message.verify(mac, secret)) {
                throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The MAC does not verify with the enrollment code");
            }
        } catch (CMPException e) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The MAC cannot be checked: " + e.getMessage());
        }
        exchange.macSecret = secret;
        exchange.macParameters = PBMParameter.getInstance(message.getProtectionAlgorithm().getParameters());
    }

    private static ProtectedPKIMessage protectedMessage(PKIMessage message) {
        if (message.getProtection() == null || message.getHeader().getProtectionAlg() == null) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "The request is not protected");
        }
        return new ProtectedPKIMessage(new GeneralPKIMessage(message));
    }

    private static String senderKid(PKIHeader header) {
        if (header.getSenderKID() == null) {
            throw new CmpFailure(PKIFailureInfo.badMessageCheck, "senderKID must carry the enrollment code's reference");
        }
        return new String(header.getSenderKID().getOctets(), StandardCharsets.UTF_8);
    }

    private static CertificateRequestMessage singleRequest(ASN1Encodable content) {
        CertReqMsg[] messages = CertReqMessages.getInstance(content).toCertReqMsgArray();
        if (messages.length != 1) {
            throw new CmpFailure(PKIFailureInfo.badRequest, "Exactly one certificate request per message (RFC 9483)");
        }
        return new CertificateRequestMessage(messages[0]);
    }

    /** The template's public key, once its signing-key proof of possession verifies. */
    private static PublicKey provenKey(CertificateRequestMessage message) {
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

    private static PublicKey p10Key(ASN1Encodable content) {
        try {
            return CertificationRequests.parse(CertificationRequest.getInstance(content).getEncoded()).publicKey();
        } catch (MalformedInputException e) {
            throw new CmpFailure(PKIFailureInfo.badPOP, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new CmpFailure(PKIFailureInfo.badDataFormat, "The PKCS#10 request is malformed");
        }
    }

    private void requireAllowedKey(String profile, PublicKey key) {
        var allowed = ca.profiles().get(profile).allowedKeys();
        if (KeyAlgorithm.of(key).filter(allowed::contains).isEmpty()) {
            throw new CmpFailure(PKIFailureInfo.badAlg, "Key " + KeyAlgorithm.describe(key) + " is not accepted; the profile accepts " + allowed);
        }
    }

    private static boolean implicitConfirm(PKIHeader header) {
        return header.getGeneralInfo() != null && Arrays.stream(header.getGeneralInfo())
                .anyMatch(i -> i.getInfoType().equals(CMPObjectIdentifiers.it_implicitConfirm));
    }

    private void recordTransaction(PKIHeader header, String kind, String reference, CertificateRecord signer,
                                   IssuedCertificate issued, boolean implicit) {
        ca.jdbc().sql("""
                        insert into cmp_transaction (transaction_id, kind, reference, signer_ca_id, signer_serial, ca_id, serial, confirmed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(header.getTransactionID().getOctets(), kind, reference,
                        signer == null ? null : signer.caId(), signer == null ? null : new BigDecimal(signer.serial()),
                        issued.ca().id(), new BigDecimal(issued.serial()), implicit ? Timestamp.from(clock.instant()) : null)
                .update();
    }

    // --- responses ---

    private PKIMessage certResponse(Exchange exchange, int type, BigInteger certReqId, IssuedCertificate issued,
                                    CMPCertificate[] caPubs, boolean implicit) {
        CertResponse response = new CertResponse(new ASN1Integer(certReqId), new PKIStatusInfo(PKIStatus.granted),
                new CertifiedKeyPair(new CertOrEncCert(cmp(issued.certificate()))), null);
        PKIBody body = new PKIBody(type, new CertRepMessage(caPubs, new CertResponse[]{response}));
        List<X509Certificate> chain = chain(issued.ca());
        return respond(exchange, body, chain, implicit);
    }

    private PKIMessage error(Exchange exchange, int failInfo, String text) {
        PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(text), new PKIFailureInfo(failInfo));
        return respond(exchange, new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(status)), List.of(), false);
    }

    /** An error for bytes that are not a PKIMessage at all: no header to answer, so a bare signed error. */
    private PKIMessage errorWithoutRequest(String text) {
        PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(text),
                new PKIFailureInfo(PKIFailureInfo.badDataFormat));
        try {
            CertificateAuthority issuing = ca.authoritiesDirectory().require(issuingCa);
            ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(PKIHeader.CMP_2000, sender(issuing),
                    new GeneralName(new X500Name(new org.bouncycastle.asn1.x500.RDN[0])))
                    .setMessageTime(Date.from(clock.instant())).setSenderNonce(nonce())
                    .setBody(new PKIBody(PKIBody.TYPE_ERROR, new ErrorMsgContent(status)));
            return signed(builder, issuing).toASN1Structure();
        } catch (CMPException e) {
            throw new IllegalStateException(e);
        }
    }

    private PKIMessage respond(Exchange exchange, PKIBody body, List<X509Certificate> extraCerts, boolean implicit) {
        PKIHeader header = exchange.header();
        CertificateAuthority issuing = ca.authoritiesDirectory().require(issuingCa);
        int pvno = header.getPvno().intValueExact() == 3 ? 3 : PKIHeader.CMP_2000;
        ProtectedPKIMessageBuilder builder = new ProtectedPKIMessageBuilder(pvno, sender(issuing), header.getSender())
                .setTransactionID(header.getTransactionID().getOctets())
                .setMessageTime(Date.from(clock.instant()))
                .setSenderNonce(nonce())
                .setBody(body);
        if (header.getSenderNonce() != null) {
            builder.setRecipNonce(header.getSenderNonce().getOctets());
        }
        if (header.getSenderKID() != null) {
            builder.setRecipKID(header.getSenderKID().getOctets());
        }
        if (implicit) {
            builder.addGeneralInfo(new InfoTypeAndValue(CMPObjectIdentifiers.it_implicitConfirm, DERNull.INSTANCE));
        }
        try {
            if (exchange.macSecret != null) {
                for (X509Certificate certificate : extraCerts) {
                    builder.addCMPCertificate(holder(certificate));
                }
                PKMACBuilder mac = new PKMACBuilder(new JcePKMACValuesCalculator().setProvider(BC))
                        .setParameters(exchange.macParameters);
                return builder.build(mac.build(exchange.macSecret)).toASN1Structure();
            }
            // The protection certificate goes first in extraCerts (RFC 9483 3.3), then the new certificate's chain.
            List<X509Certificate> certificates = new ArrayList<>(chain(issuing));
            for (X509Certificate certificate : extraCerts) {
                if (!certificates.contains(certificate)) {
                    certificates.add(certificate);
                }
            }
            for (X509Certificate certificate : certificates) {
                builder.addCMPCertificate(holder(certificate));
            }
            return signed(builder, issuing).toASN1Structure();
        } catch (CMPException | CRMFException e) {
            throw new IllegalStateException("Cannot protect the CMP response", e);
        }
    }

    private ProtectedPKIMessage signed(ProtectedPKIMessageBuilder builder, CertificateAuthority issuing) throws CMPException {
        SigningKey key = keys.open(issuing.keyReference());
        return builder.build(new ContentSigner() {
            private final ByteArrayOutputStream data = new ByteArrayOutputStream();

            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new DefaultSignatureAlgorithmIdentifierFinder().find(key.signatureAlgorithm());
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                return key.sign(data.toByteArray());
            }
        });
    }

    private static GeneralName sender(CertificateAuthority authority) {
        return new GeneralName(X500Name.getInstance(authority.certificate().getSubjectX500Principal().getEncoded()));
    }

    private byte[] nonce() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return nonce;
    }

    /** The CA's chain: the CA itself, then its parents up to the root. */
    private List<X509Certificate> chain(CertificateAuthority authority) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Optional<CertificateAuthority> at = Optional.of(authority); at.isPresent();
             at = at.get().parentId() == null ? Optional.empty() : ca.authoritiesDirectory().byId(at.get().parentId())) {
            chain.add(at.get().certificate());
        }
        return chain;
    }

    private X509Certificate root(CertificateAuthority authority) {
        List<X509Certificate> chain = chain(authority);
        return chain.get(chain.size() - 1);
    }

    private static CMPCertificate cmp(X509Certificate certificate) {
        return new CMPCertificate(holder(certificate).toASN1Structure());
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(Certificates.der(certificate));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509CertificateHolder holder) {
        try {
            return holder.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encode(PKIMessage message) {
        try {
            return message.getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
