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
    private final transient UzDstCurve.ParameterSet set;

    private UzDstPublicKey(UzDstCurve.ParameterSet set, ECPoint point) {
        super(set.keyOid(), encode(set, point));
        this.parameters = new ECPublicKeyParameters(point, set.curve());
        this.set = set;
    }

    private static byte[] encode(UzDstCurve.ParameterSet set, ECPoint point) {
        try {
            return new SubjectPublicKeyInfo(UzDstCurve.identifier(set.keyOid(), set.oid()),
                    new DEROctetString(UzDstCurve.littleEndianXy(point))).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static UzDstPublicKey of(String keyOid, ECPoint point) {
        return new UzDstPublicKey(UzDstCurve.ownSet(keyOid), point);
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
        UzDstCurve.ParameterSet set = UzDstCurve.parameterSetOf(info.getAlgorithm());
        if (xy.length != 64) {
            throw new InvalidKeyException("O'z DSt 1092 public key must be 64 bytes, not " + xy.length);
        }
        try {
            ECPoint point = set.curve().getCurve().createPoint(
                    UzDstCurve.fromLittleEndian(xy, 0, 32), UzDstCurve.fromLittleEndian(xy, 32, 32));
            set.curve().validatePublicPoint(point);
            return new UzDstPublicKey(set, point);
        } catch (RuntimeException e) {
            throw new InvalidKeyException("O'z DSt 1092 public key is not a point of the " + set.curveName()
                    + " curve (parameter set " + set.oid() + ")", e);
        }
    }

    ECPublicKeyParameters parameters() {
        return parameters;
    }

    /** The parameter-set OID the key carries (set A for our own keys; B or C for some ID cards and tokens). */
    public String parameterSetOid() {
        return set.oid();
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
