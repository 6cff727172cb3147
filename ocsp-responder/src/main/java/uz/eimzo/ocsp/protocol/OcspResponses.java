package uz.eimzo.ocsp.protocol;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x509.Certificate;
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

import java.io.ByteArrayOutputStream;
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
    // The certs field ([0] EXPLICIT SEQUENCE OF Certificate) of a basic response, per responder certificate.
    private static final Map<X509Certificate, byte[]> CERTIFICATES = new ConcurrentHashMap<>();
    // responseStatus successful (ENUMERATED 0) and the OID id-pkix-ocsp-basic, as DER.
    private static final byte[] SUCCESSFUL = {0x0a, 0x01, 0x00};
    private static final byte[] BASIC_OID = {0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01};

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
     * @param responderCertificate carried in the response; null for none
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
            BasicOCSPResp basic = builder.build(signer,
                    responderCertificate == null ? null : chain(responderCertificate), date(producedAt));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | IOException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the OCSP response", e);
        }
    }

    /**
     * Signs a one-answer basic response without a nonce and without the responder certificate, and returns what
     * {@link #withCertificate} makes whole: the DER of tbsResponseData, signatureAlgorithm and signature, one after the
     * other. Kept this way, a stored answer does not carry a copy of the certificate every other one carries too.
     */
    public static byte[] signWithoutCertificate(Answer answer, ContentSigner signer, byte[] responderKeyHash,
                                                Instant producedAt) {
        byte[] whole = sign(List.of(answer), signer, null, responderKeyHash, null, producedAt);
        try {
            BasicOCSPResponse basic = BasicOCSPResponse.getInstance(OCSPResponse.getInstance(whole).getResponseBytes()
                    .getResponse().getOctets());
            return concat(basic.getTbsResponseData().getEncoded(ASN1Encoding.DER),
                    basic.getSignatureAlgorithm().getEncoded(ASN1Encoding.DER), basic.getSignature().getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the OCSP response", e);
        }
    }

    /** The successful OCSP response of a {@link #signWithoutCertificate} answer, carrying the responder certificate. */
    public static byte[] withCertificate(byte[] unsigned, X509Certificate responderCertificate) {
        byte[] basic = tlv(0x30, unsigned, certificates(responderCertificate));
        byte[] responseBytes = tlv(0x30, BASIC_OID, tlv(0x04, basic));
        return tlv(0x30, SUCCESSFUL, tlv(0xA0, responseBytes));
    }

    /**
     * The same as {@link #withCertificate(byte[], X509Certificate)} for a {@link #signWithoutCertificate} answer that
     * lies in a larger array: the whole response is written into one array, the only one allocated.
     */
    public static byte[] withCertificate(byte[] source, int offset, int length, X509Certificate responderCertificate) {
        byte[] certificates = certificates(responderCertificate);
        int basic = length + certificates.length;
        int octets = headerLength(basic) + basic;
        int responseBytes = BASIC_OID.length + headerLength(octets) + octets;
        int tagged = headerLength(responseBytes) + responseBytes;
        int whole = SUCCESSFUL.length + headerLength(tagged) + tagged;
        byte[] out = new byte[headerLength(whole) + whole];
        int at = header(out, 0, 0x30, whole);
        System.arraycopy(SUCCESSFUL, 0, out, at, SUCCESSFUL.length);
        at = header(out, at + SUCCESSFUL.length, 0xA0, tagged);
        at = header(out, at, 0x30, responseBytes);
        System.arraycopy(BASIC_OID, 0, out, at, BASIC_OID.length);
        at = header(out, at + BASIC_OID.length, 0x04, octets);
        at = header(out, at, 0x30, basic);
        System.arraycopy(source, offset, out, at, length);
        System.arraycopy(certificates, 0, out, at + length, certificates.length);
        return out;
    }

    private static byte[] certificates(X509Certificate responderCertificate) {
        if (CERTIFICATES.size() > 64) {
            CERTIFICATES.clear(); // old responder certificates after rollovers
        }
        return CERTIFICATES.computeIfAbsent(responderCertificate, OcspResponses::certificatesField);
    }

    /** Bytes of a DER tag and definite length for contents of this length. */
    private static int headerLength(int length) {
        return 2 + (length < 0x80 ? 0 : (32 - Integer.numberOfLeadingZeros(length) + 7) / 8);
    }

    /** Writes a DER tag and definite length; returns where the contents begin. */
    private static int header(byte[] out, int at, int tag, int length) {
        out[at++] = (byte) tag;
        int lengthBytes = headerLength(length) - 2;
        if (lengthBytes == 0) {
            out[at++] = (byte) length;
            return at;
        }
        out[at++] = (byte) (0x80 | lengthBytes);
        for (int shift = 8 * (lengthBytes - 1); shift >= 0; shift -= 8) {
            out[at++] = (byte) (length >>> shift);
        }
        return at;
    }

    private static byte[] certificatesField(X509Certificate certificate) {
        try {
            return new DERTaggedObject(true, 0, new DERSequence(
                    Certificate.getInstance(certificate.getEncoded()))).getEncoded(ASN1Encoding.DER);
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the responder certificate", e);
        }
    }

    /** A DER element: tag, definite length, then the parts. */
    private static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        int lengthBytes = length < 0x80 ? 0 : (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[2 + lengthBytes + length];
        out[0] = (byte) tag;
        int at = 1;
        if (lengthBytes == 0) {
            out[at++] = (byte) length;
        } else {
            out[at++] = (byte) (0x80 | lengthBytes);
            for (int shift = 8 * (lengthBytes - 1); shift >= 0; shift -= 8) {
                out[at++] = (byte) (length >>> shift);
            }
        }
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
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
