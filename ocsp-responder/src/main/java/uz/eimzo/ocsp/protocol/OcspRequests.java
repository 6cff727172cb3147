package uz.eimzo.ocsp.protocol;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Parses OCSP requests strictly enough that nothing malformed reaches the database. */
public final class OcspRequests {

    /** RFC 9654: a nonce carries 1 to 128 octets. */
    public static final int MAX_NONCE = 128;
    /** More certificates than this in one request is abuse, not a client. */
    public static final int MAX_CERTIFICATES = 100;

    private OcspRequests() {
    }

    public static OcspQuery parse(byte[] der) {
        if (der == null || der.length == 0) {
            throw new MalformedRequestException("empty request");
        }
        OCSPReq request;
        Req[] items;
        try {
            // Parse as a whole DER object first: BC tolerates trailing garbage, we do not.
            ASN1Primitive whole = ASN1Primitive.fromByteArray(der);
            if (whole.getEncoded(ASN1Encoding.DER).length != der.length && whole.getEncoded().length != der.length) {
                throw new MalformedRequestException("trailing bytes after the request");
            }
            request = new OCSPReq(der);
            items = request.getRequestList();
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedRequestException m) {
                throw m;
            }
            throw new MalformedRequestException("not an OCSP request", e);
        }
        if (items.length == 0) {
            throw new MalformedRequestException("the request names no certificate");
        }
        if (items.length > MAX_CERTIFICATES) {
            throw new MalformedRequestException("more than " + MAX_CERTIFICATES + " certificates in one request");
        }
        List<CertId> ids = new ArrayList<>(items.length);
        try {
            for (Req item : items) {
                CertificateID id = item.getCertID();
                ids.add(new CertId(id.getHashAlgOID().getId(), id.getIssuerNameHash(), id.getIssuerKeyHash(),
                        id.getSerialNumber(), id.toASN1Primitive().getEncoded(ASN1Encoding.DER)));
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequestException("malformed CertID", e);
        }
        return new OcspQuery(ids, nonce(request));
    }

    /**
     * A SHA-1 CertID as OpenSSL and Bouncy Castle send it ({@code AlgorithmIdentifier} with NULL parameters), for
     * answers signed before anyone asks: a request whose CertID has exactly these bytes may be given such an answer.
     */
    public static CertId sha1CertId(byte[] issuerNameHash, byte[] issuerKeyHash, BigInteger serial) {
        AlgorithmIdentifier sha1 = new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE);
        try {
            byte[] der = new CertID(sha1, new DEROctetString(issuerNameHash), new DEROctetString(issuerKeyHash),
                    new ASN1Integer(serial)).getEncoded(ASN1Encoding.DER);
            return new CertId(CertId.SHA1, issuerNameHash, issuerKeyHash, serial, der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] nonce(OCSPReq request) {
        Extension extension = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (extension == null) {
            return null;
        }
        byte[] value = extension.getExtnValue().getOctets();
        int length;
        try {
            length = ASN1OctetString.getInstance(value).getOctets().length;
        } catch (RuntimeException notWrapped) {
            // Some old clients put the raw nonce in extnValue without the inner OCTET STRING.
            length = value.length;
        }
        if (length < 1 || length > MAX_NONCE) {
            throw new MalformedRequestException("nonce must carry 1 to " + MAX_NONCE + " octets (RFC 9654)");
        }
        return value;
    }
}
