package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * An O'z DSt 1092:2009-2 (or O'z MSt 286:2024-2) public key. Encoded as real E-IMZO certificates do:
 * the subjectPublicKey holds an OCTET STRING of 64 bytes, x then y, each little-endian.
 */
public final class UzDstPublicKey implements PublicKey {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String keyOid;
    private final byte[] encoded;
    private final transient ECPublicKeyParameters parameters;

    private UzDstPublicKey(String keyOid, ECPoint point) {
        this.keyOid = keyOid;
        this.parameters = new ECPublicKeyParameters(point, UzDstCurve.CRYPTO_PRO_A);
        ECPoint normal = point.normalize();
        byte[] xy = new byte[64];
        System.arraycopy(UzDstCurve.littleEndian(normal.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(UzDstCurve.littleEndian(normal.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        try {
            this.encoded = new SubjectPublicKeyInfo(UzDstCurve.identifier(keyOid), new DEROctetString(xy)).getEncoded("DER");
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

    /** The key's algorithm OID: {@link UzDst#KEY_OID} or, for the 2024 family, {@link UzDst#KEY_2024_OID}. */
    public String keyOid() {
        return keyOid;
    }

    /** The BC parameters are transient: a deserialised key is rebuilt from its encoding. */
    @Serial
    private Object readResolve() throws ObjectStreamException {
        try {
            return decode(encoded);
        } catch (InvalidKeyException e) {
            throw new InvalidObjectException(e.getMessage());
        }
    }

    @Override
    public String getAlgorithm() {
        return UzDst.KEY_ALGORITHM;
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UzDstPublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "O'z DSt 1092:2009-2 public key (" + keyOid + ")";
    }
}
