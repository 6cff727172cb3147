package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.io.Serial;
import java.security.InvalidKeyException;
import java.security.PublicKey;

/**
 * An O'z DSt 1092:2009-2 (or O'z MSt 286:2024-2) public key. Encoded as real E-IMZO certificates do:
 * the subjectPublicKey holds an OCTET STRING of 64 bytes, x then y, each little-endian.
 */
public final class UzDstPublicKey extends UzDstKey implements PublicKey {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ECPublicKeyParameters parameters;

    private UzDstPublicKey(String keyOid, ECPoint point) {
        super(keyOid, encode(keyOid, point));
        this.parameters = new ECPublicKeyParameters(point, UzDstCurve.CRYPTO_PRO_A);
    }

    private static byte[] encode(String keyOid, ECPoint point) {
        try {
            return new SubjectPublicKeyInfo(UzDstCurve.identifier(keyOid),
                    new DEROctetString(UzDstCurve.littleEndianXy(point))).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static UzDstPublicKey of(String keyOid, ECPoint point) {
        return new UzDstPublicKey(keyOid, point);
    }

    /** Reads a SubjectPublicKeyInfo; refuses other algorithms, parameter sets and points off the curve. */
    static UzDstPublicKey decode(byte[] subjectPublicKeyInfo) throws InvalidKeyException {
        SubjectPublicKeyInfo info;
        byte[] xy;
        try {
            info = SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo);
            xy = ASN1OctetString.getInstance(info.getPublicKeyData().getOctets()).getOctets();
        } catch (RuntimeException e) {
            throw new InvalidKeyException("Malformed O'z DSt 1092 public key", e);
        }
        String keyOid = UzDstCurve.check(info.getAlgorithm());
        if (xy.length != 64) {
            throw new InvalidKeyException("O'z DSt 1092 public key must be 64 bytes, not " + xy.length);
        }
        try {
            ECPoint point = UzDstCurve.CRYPTO_PRO_A.getCurve().createPoint(
                    UzDstCurve.fromLittleEndian(xy, 0, 32), UzDstCurve.fromLittleEndian(xy, 32, 32));
            UzDstCurve.CRYPTO_PRO_A.validatePublicPoint(point);
            return new UzDstPublicKey(keyOid, point);
        } catch (RuntimeException e) {
            throw new InvalidKeyException("O'z DSt 1092 public key is not a point of the CryptoPro-A curve", e);
        }
    }

    ECPublicKeyParameters parameters() {
        return parameters;
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    UzDstKey decodeAgain(byte[] encoding) throws InvalidKeyException {
        return decode(encoding);
    }

    @Override
    public String toString() {
        return "O'z DSt 1092:2009-2 public key (" + keyOid() + ")";
    }
}
