package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

import java.io.IOException;
import java.io.Serial;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.util.Arrays;

/**
 * An O'z DSt 1092:2009-2 private key. PKCS#8 carries the key's AlgorithmIdentifier and, as CryptoPro
 * does, an OCTET STRING of the 32-byte little-endian scalar; an INTEGER is also read.
 */
public final class UzDstPrivateKey implements PrivateKey {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String keyOid;
    private final byte[] encoded;
    private final transient ECPrivateKeyParameters parameters;

    private UzDstPrivateKey(String keyOid, BigInteger d) {
        this.keyOid = keyOid;
        this.parameters = new ECPrivateKeyParameters(d, UzDstCurve.CRYPTO_PRO_A);
        try {
            this.encoded = new PrivateKeyInfo(UzDstCurve.identifier(keyOid),
                    new DEROctetString(UzDstCurve.littleEndian(d))).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static UzDstPrivateKey of(String keyOid, BigInteger d) {
        return new UzDstPrivateKey(keyOid, d);
    }

    static UzDstPrivateKey decode(byte[] pkcs8) throws InvalidKeyException {
        PrivateKeyInfo info;
        ASN1Encodable value;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
            value = info.parsePrivateKey();
        } catch (IOException | RuntimeException e) {
            throw new InvalidKeyException("Malformed O'z DSt 1092 private key", e);
        }
        String keyOid = UzDstCurve.check(info.getPrivateKeyAlgorithm());
        BigInteger d;
        if (value instanceof ASN1OctetString octets && octets.getOctets().length == 32) {
            d = UzDstCurve.fromLittleEndian(octets.getOctets(), 0, 32);
        } else if (value instanceof ASN1Integer integer) {
            d = integer.getPositiveValue();
        } else {
            throw new InvalidKeyException("O'z DSt 1092 private key is neither a 32-byte OCTET STRING nor an INTEGER");
        }
        if (d.signum() <= 0 || d.compareTo(UzDstCurve.CRYPTO_PRO_A.getN()) >= 0) {
            throw new InvalidKeyException("O'z DSt 1092 private key is out of range");
        }
        return new UzDstPrivateKey(keyOid, d);
    }

    ECPrivateKeyParameters parameters() {
        return parameters;
    }

    String keyOid() {
        return keyOid;
    }

    /** The BC parameters are transient: a deserialised key is rebuilt from its encoding. */
    @Serial
    private Object readResolve() throws java.io.ObjectStreamException {
        try {
            return decode(encoded);
        } catch (InvalidKeyException e) {
            throw new java.io.InvalidObjectException(e.getMessage());
        }
    }

    @Override
    public String getAlgorithm() {
        return UzDst.KEY_ALGORITHM;
    }

    @Override
    public String getFormat() {
        return "PKCS#8";
    }

    @Override
    public byte[] getEncoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UzDstPrivateKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        // Never the scalar: keys must not reach logs.
        return "O'z DSt 1092:2009-2 private key (" + keyOid + ")";
    }
}
