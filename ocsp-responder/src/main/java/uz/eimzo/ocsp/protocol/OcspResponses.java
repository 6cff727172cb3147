package uz.eimzo.ocsp.protocol;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentSigner;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Encodes OCSP responses: signed basic responses and the unsigned error statuses. */
public final class OcspResponses {

    private static final Map<ResponseStatus, byte[]> ERRORS = new EnumMap<>(ResponseStatus.class);
    // Parsed once per responder certificate and per algorithm rather than on every signature.
    private static final Map<X509Certificate, X509CertificateHolder[]> CHAINS = new ConcurrentHashMap<>();

    static {
        for (ResponseStatus status : ResponseStatus.values()) {
            try {
                ERRORS.put(status, new OCSPResponse(new OCSPResponseStatus(status.code()), null).getEncoded(ASN1Encoding.DER));
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    private OcspResponses() {
    }

    /** The DER of an unsigned error response. */
    public static byte[] error(ResponseStatus status) {
        return ERRORS.get(status).clone();
    }

    /**
     * Signs a basic response naming the responder by key hash (RFC 5019 2.2.3) and carrying its certificate.
     *
     * @param signer           the delegated responder key's signer for this one response ({@code uz.eimzo.ocsp.signing}
     *                         holds the key)
     * @param responderKeyHash SHA-1 of the responder's public key bits
     * @param nonce            the request's nonce extension value to echo, or null
     */
    public static byte[] sign(List<Answer> answers, ContentSigner signer, X509Certificate responderCertificate,
                              byte[] responderKeyHash, byte[] nonce, Instant producedAt) {
        try {
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(new ResponderID(new DEROctetString(responderKeyHash))));
            for (Answer answer : answers) {
                CertificateID id = new CertificateID(CertID.getInstance(answer.id().encoded()));
                CertificateStatus status = switch (answer.state()) {
                    case GOOD -> CertificateStatus.GOOD;
                    case UNKNOWN -> new UnknownStatus();
                    case REVOKED -> answer.reason() == null
                            ? new RevokedStatus(date(answer.revokedAt()))
                            : new RevokedStatus(date(answer.revokedAt()), answer.reason());
                };
                builder.addResponse(id, status, date(answer.thisUpdate()),
                        answer.nextUpdate() == null ? null : date(answer.nextUpdate()), null);
            }
            if (nonce != null) {
                // Non-critical, as RFC 9654 requires: clients that sent no nonce never see one.
                builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                        false, new DEROctetString(nonce))));
            }
            BasicOCSPResp basic = builder.build(signer, chain(responderCertificate), date(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | IOException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the OCSP response", e);
        }
    }

    private static X509CertificateHolder[] chain(X509Certificate certificate) throws CertificateEncodingException, IOException {
        X509CertificateHolder[] chain = CHAINS.get(certificate);
        if (chain == null) {
            if (CHAINS.size() > 64) {
                CHAINS.clear(); // old responder certificates after rollovers
            }
            chain = new X509CertificateHolder[]{new X509CertificateHolder(certificate.getEncoded())};
            CHAINS.put(certificate, chain);
        }
        return chain;
    }

    /** For tests and tools: the response status code of an encoded response. */
    public static int status(byte[] response) {
        try {
            return new OCSPResp(response).getStatus();
        } catch (IOException e) {
            throw new IllegalArgumentException("not an OCSP response", e);
        }
    }

    private static Date date(Instant instant) {
        // GeneralizedTime without fractional seconds (RFC 5280 4.1.2.5.2).
        return Date.from(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
