package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.x509.UnusableOcspException.Reason;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Asks another CA's OCSP responder (RFC 6960) about one of its certificates and says whether to believe the answer:
 * the responder a certificate names in its AIA (plain http only), a request with a SHA-1 CertID and, by default, a
 * nonce, POSTed within a connect and a read timeout, the answer read up to a byte limit. An answer counts only when
 * the issuing CA signed it, or a responder certificate that CA issued with id-kp-OCSPSigning (GOST-UZ through our
 * provider, ECDSA, RSA); when it is about this very certificate; when its thisUpdate is not ahead of our clock (beyond
 * {@link #CLOCK_SKEW}) and its nextUpdate, if any, has not passed; and when it echoes the nonce sent, or, ignoring it,
 * is no older than the fresh limit. Which responder to ask, keeping answers and falling back to CRLs is the caller's,
 * and so is checking a delegated responder that lacks id-pkix-ocsp-nocheck ({@link OcspAnswer.Signer#DELEGATE}).
 */
public final class ExternalOcspClient {

    /** Clocks drift: a thisUpdate at most this far ahead of ours is still current. */
    public static final Duration CLOCK_SKEW = ExternalCrlReader.CLOCK_SKEW;
    private static final String OCSP_SIGNING = KeyPurposeId.id_kp_OCSPSigning.getId();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param connectTimeout    for the TCP connection
     * @param readTimeout       for the answer once connected
     * @param maxBytes          a larger answer is not read
     * @param nonce             whether requests carry a nonce
     * @param freshWithoutNonce how old an answer that ignored the nonce may be
     */
    public record Settings(Duration connectTimeout, Duration readTimeout, int maxBytes, boolean nonce,
                           Duration freshWithoutNonce) {
    }

    private final Settings settings;
    private final Clock clock;
    private final OcspTransport transport;

    public ExternalOcspClient(Settings settings, Clock clock) {
        UzDst.install();
        this.settings = settings;
        this.clock = clock;
        this.transport = new OcspTransport(settings.connectTimeout(), settings.readTimeout(), settings.maxBytes());
    }

    /** The URLs of the OCSP responders a certificate names (AIA id-ad-ocsp), any scheme, in order; none if malformed. */
    public static List<String> responders(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription description : access.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    urls.add(location.getName().toString());
                }
            }
        } catch (RuntimeException malformed) {
            return List.of();
        }
        return List.copyOf(urls);
    }

    /** Asks the responder at {@code url} about {@code certificate}, which {@code issuer} issued, and checks the answer. */
    public OcspAnswer ask(String url, X509Certificate certificate, X509Certificate issuer) throws UnusableOcspException {
        if (!url.toLowerCase(Locale.ROOT).startsWith("http://")) {
            throw new UnusableOcspException(Reason.NOT_PLAIN_HTTP, "only plain http responders are asked: " + url);
        }
        X509CertificateHolder issuerHolder = holder(issuer);
        CertificateID id;
        byte[] request;
        Extension nonce = null;
        try {
            id = new CertificateID(digests().get(CertificateID.HASH_SHA1), issuerHolder, certificate.getSerialNumber());
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
            if (settings.nonce()) {
                byte[] value = new byte[16];
                RANDOM.nextBytes(value);
                nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(new DEROctetString(value).getEncoded()));
                builder.setRequestExtensions(new Extensions(nonce));
            }
            request = builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("an OCSP request could not be built", e);
        }
        return check(url, transport.post(url, request), id, nonce, issuer, issuerHolder);
    }

    private OcspAnswer check(String url, byte[] encoded, CertificateID id, Extension nonce, X509Certificate issuer,
                             X509CertificateHolder issuerHolder) throws UnusableOcspException {
        BasicOCSPResp basic;
        try {
            OCSPResp response = new OCSPResp(encoded);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new UnusableOcspException(Reason.RESPONDER_ERROR, "responseStatus " + response.getStatus());
            }
            basic = (BasicOCSPResp) response.getResponseObject();
        } catch (UnusableOcspException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new UnusableOcspException(Reason.RESPONSE_MALFORMED, "not a basic OCSP response", e);
        }
        if (basic == null) {
            throw new UnusableOcspException(Reason.RESPONSE_MALFORMED, "no basic OCSP response");
        }
        X509Certificate delegate = checkSigner(basic, issuer);
        OcspAnswer.Signer signedBy = delegate == null ? OcspAnswer.Signer.ISSUER
                : delegate.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()) != null
                ? OcspAnswer.Signer.DELEGATE_NOCHECK : OcspAnswer.Signer.DELEGATE;
        SingleResp single = Arrays.stream(basic.getResponses()).filter(one -> about(one, id, issuerHolder))
                .findFirst().orElseThrow(() -> new UnusableOcspException(Reason.WRONG_CERTIFICATE,
                        "no answer about serial " + id.getSerialNumber().toString(16)));
        Instant now = clock.instant();
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(CLOCK_SKEW)) || nextUpdate != null && nextUpdate.isBefore(now)) {
            throw new UnusableOcspException(Reason.RESPONSE_NOT_CURRENT, "thisUpdate " + thisUpdate + ", nextUpdate "
                    + nextUpdate + ", now " + now);
        }
        OcspAnswer.Nonce echoed = nonce(basic, nonce, thisUpdate, now);
        Object status = single.getCertStatus();
        if (status == null) {
            return new OcspAnswer(url, false, null, null, null, thisUpdate, nextUpdate, echoed, signedBy, delegate);
        }
        if (status instanceof RevokedStatus revoked) {
            Integer reason = revoked.hasRevocationReason() ? revoked.getRevocationReason() : null;
            return new OcspAnswer(url, true, revoked.getRevocationTime().toInstant(), reason, invalidityDate(single),
                    thisUpdate, nextUpdate, echoed, signedBy, delegate);
        }
        throw new UnusableOcspException(Reason.STATUS_UNKNOWN, "the responder does not know the certificate");
    }

    /**
     * Believes the answer only when the issuer, or its delegated OCSP-signing responder, signed it; returns that
     * responder's certificate, or null when the issuer signed.
     */
    private X509Certificate checkSigner(BasicOCSPResp basic, X509Certificate issuer) throws UnusableOcspException {
        RespID responderId = basic.getResponderId();
        if (names(responderId, issuer) && verifies(basic, issuer.getPublicKey())) {
            return null;
        }
        for (X509CertificateHolder carried : basic.getCerts()) {
            X509Certificate responder;
            try {
                responder = Certificates.parse(carried.getEncoded());
            } catch (Exception unreadable) {
                continue;
            }
            if (names(responderId, responder) && delegatedBy(responder, issuer)
                    && verifies(basic, responder.getPublicKey())) {
                return responder;
            }
        }
        throw new UnusableOcspException(Reason.RESPONSE_SIGNATURE_INVALID, "not signed by "
                + issuer.getSubjectX500Principal().getName() + " nor by an OCSP responder it certified");
    }

    private boolean delegatedBy(X509Certificate responder, X509Certificate issuer) {
        try {
            Instant now = clock.instant();
            return responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                    && responder.getExtendedKeyUsage() != null && responder.getExtendedKeyUsage().contains(OCSP_SIGNING)
                    && !now.isBefore(responder.getNotBefore().toInstant()) && !now.isAfter(responder.getNotAfter().toInstant())
                    && SignatureChecks.issuerSignatureVerifies(responder, issuer.getPublicKey());
        } catch (Exception malformed) {
            return false;
        }
    }

    private static boolean names(RespID responderId, X509Certificate certificate) {
        try {
            X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            return responderId.equals(new RespID(name)) || responderId.equals(new RespID(
                    SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded()),
                    digests().get(CertificateID.HASH_SHA1)));
        } catch (Exception malformed) {
            return false;
        }
    }

    private static boolean verifies(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(SignatureChecks.verifierFor(SubjectPublicKeyInfo.getInstance(key.getEncoded()), key));
        } catch (Exception unverifiable) {
            return false;
        }
    }

    private static boolean about(SingleResp single, CertificateID id, X509CertificateHolder issuer) {
        try {
            return single.getCertID().getSerialNumber().equals(id.getSerialNumber())
                    && single.getCertID().matchesIssuer(issuer, digests());
        } catch (Exception malformed) {
            return false;
        }
    }

    /** The nonce sent must come back unchanged; an answer that ignores it must be fresh. */
    private OcspAnswer.Nonce nonce(BasicOCSPResp basic, Extension sent, Instant thisUpdate, Instant now)
            throws UnusableOcspException {
        if (sent == null) {
            return OcspAnswer.Nonce.NOT_SENT;
        }
        Extension answered = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (answered != null) {
            if (!answered.getExtnValue().equals(sent.getExtnValue())) {
                throw new UnusableOcspException(Reason.NONCE_MISMATCH, "the answer carries another request's nonce");
            }
            return OcspAnswer.Nonce.ECHOED;
        }
        if (thisUpdate.isBefore(now.minus(settings.freshWithoutNonce()))) {
            throw new UnusableOcspException(Reason.RESPONSE_NOT_FRESH, "no nonce and thisUpdate " + thisUpdate
                    + " is older than " + settings.freshWithoutNonce());
        }
        return OcspAnswer.Nonce.NOT_ECHOED;
    }

    private static Instant invalidityDate(SingleResp single) {
        Extension extension = single.getExtension(Extension.invalidityDate);
        try {
            return extension == null ? null
                    : ASN1GeneralizedTime.getInstance(extension.getParsedValue()).getDate().toInstant();
        } catch (Exception malformed) {
            return null;
        }
    }

    private static DigestCalculatorProvider digests() {
        try {
            return new JcaDigestCalculatorProviderBuilder().build();
        } catch (Exception e) {
            throw new IllegalStateException("no SHA-1 for OCSP CertIDs", e);
        }
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalArgumentException("an unreadable issuer certificate", e);
        }
    }
}
