package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

import java.io.IOException;
import java.io.Serial;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.PrivateKey;

/**
 * An O'z DSt 1092:2009-2 private key. PKCS#8 carries the key's AlgorithmIdentifier and, as CryptoPro
 * does, an OCTET STRING of the 32-byte little-endian scalar; an INTEGER is also read.
 */
public final class UzDstPrivateKey extends UzDstKey implements PrivateKey {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ECPrivateKeyParameters parameters;

    private UzDstPrivateKey(String keyOid, BigInteger d) {
        super(keyOid, encode(keyOid, d));
        this.parameters = new ECPrivateKeyParameters(d, UzDstCurve.CRYPTO_PRO_A);
    }

    private static byte[] encode(String keyOid, BigInteger d) {
        try {
            return new PrivateKeyInfo(UzDstCurve.identifier(keyOid),
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
        if (info.getPrivateKeyAlgorithm().getParameters() instanceof ASN1ObjectIdentifier) {
            // The E-IMZO agent's own form: a SEC1 ECPrivateKey with the scalar big-endian.
            try {
                d = ECPrivateKey.getInstance(value).getKey();
            } catch (RuntimeException e) {
                throw new InvalidKeyException("O'z DSt 1092 private key with a bare parameter set is not a SEC1 ECPrivateKey", e);
            }
        } else if (value instanceof ASN1OctetString octets && octets.getOctets().length == 32) {
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

    /**
     * PKCS#8 as the E-IMZO agent writes and reads it in its PFX files: AlgorithmIdentifier { key OID,
     * bare parameter-set OID } and a SEC1 ECPrivateKey { 1, scalar big-endian in 32 bytes,
     * [0] parameter-set OID, [1] the public key's BIT STRING as in the certificate }. The agent's key
     * factory refuses our CryptoPro-style encoding (see docs/gost-uz.md, "Key files the E-IMZO agent opens").
     */
    byte[] agentEncoding() {
        try {
            var paramSet = new ASN1ObjectIdentifier(UzDstCurve.parameterSet(keyOid()));
            byte[] xy = UzDstCurve.littleEndianXy(UzDstCurve.CRYPTO_PRO_A.getG().multiply(parameters.getD()));
            var publicKey = new DERBitString(new DEROctetString(xy).getEncoded("DER"));
            var sec1 = new ECPrivateKey(256, parameters.getD(), publicKey, paramSet);
            return new PrivateKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(keyOid()), paramSet), sec1)
                    .getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ECPrivateKeyParameters parameters() {
        return parameters;
    }

    @Override
    public String getFormat() {
        return "PKCS#8";
    }

    @Override
    UzDstKey decodeAgain(byte[] encoding) throws InvalidKeyException {
        return decode(encoding);
    }

    @Override
    public String toString() {
        // Never the scalar: keys must not reach logs.
        return "O'z DSt 1092:2009-2 private key (" + keyOid() + ")";
    }
}
