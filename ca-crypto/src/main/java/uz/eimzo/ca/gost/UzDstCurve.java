package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.ECDomainParameters;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.Map;

/**
 * The curve behind the Uzbek parameter sets and the AlgorithmIdentifier a key carries.
 * Only parameter set A of each family is mapped: it is the CryptoPro-A curve, proven against the real
 * 2016 and 2018 certificates; the other sets (ID cards, tokens) have no public curve mapping we could check.
 */
final class UzDstCurve {

    static final ECDomainParameters CRYPTO_PRO_A = new ECDomainParameters(
            ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A));

    /** Key OID to the one parameter set OID accepted with it. */
    private static final Map<String, String> PARAMETER_SETS = Map.of(
            UzDst.KEY_OID, UzDst.PARAM_SET_A_OID,
            UzDst.KEY_2024_OID, UzDst.PARAM_SET_2024_A_OID);

    private UzDstCurve() {
    }

    /** Checks the identifier names a key family and parameter set we implement; returns the key OID. */
    static String check(AlgorithmIdentifier identifier) throws InvalidKeyException {
        String keyOid = identifier.getAlgorithm().getId();
        String expected = PARAMETER_SETS.get(keyOid);
        if (expected == null) {
            throw new InvalidKeyException("Not an O'z DSt 1092 / O'z MSt 286 key: " + keyOid);
        }
        String paramSet;
        try {
            // SEQUENCE { parameterSetOID, ... } in certificates; a bare parameter-set OID in the E-IMZO agent's PKCS#8.
            paramSet = identifier.getParameters() instanceof ASN1ObjectIdentifier bare ? bare.getId()
                    : ASN1ObjectIdentifier.getInstance(ASN1Sequence.getInstance(identifier.getParameters()).getObjectAt(0)).getId();
        } catch (RuntimeException e) {
            throw new InvalidKeyException("Key parameters are not SEQUENCE { parameterSetOID } nor a parameter-set OID", e);
        }
        if (!expected.equals(paramSet)) {
            throw new InvalidKeyException("Unsupported parameter set " + paramSet + " for key " + keyOid
                    + "; only " + expected + " (CryptoPro-A curve) is implemented");
        }
        return keyOid;
    }

    static String parameterSet(String keyOid) {
        return PARAMETER_SETS.get(keyOid);
    }

    static AlgorithmIdentifier identifier(String keyOid) {
        ASN1EncodableVector params = new ASN1EncodableVector();
        params.add(new ASN1ObjectIdentifier(PARAMETER_SETS.get(keyOid)));
        return new AlgorithmIdentifier(new ASN1ObjectIdentifier(keyOid), new DERSequence(params));
    }

    /** Little-endian fixed-width bytes of a non-negative integer below 2^256, as CryptoPro encodes them. */
    static byte[] littleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    static BigInteger fromLittleEndian(byte[] bytes, int offset, int length) {
        byte[] big = new byte[length];
        for (int i = 0; i < length; i++) {
            big[i] = bytes[offset + length - 1 - i];
        }
        return new BigInteger(1, big);
    }
}
