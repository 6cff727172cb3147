package uz.eimzo.ca.gost;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.util.Map;

/**
 * The curve behind the Uzbek parameter sets and the AlgorithmIdentifier a key carries. Set A of each family is the
 * CryptoPro-A curve, proven against the real 2016 and 2018 certificates; our own keys (CAs, responders, server-made)
 * are set A. The other sets' curves are those the public material names (../shared/domain/E-IMZO.md and the
 * clean-room agent ganiyevuz/openimzo, {@code keys.rs curve_from_param_oid}, whose curve constants are RFC 4357's
 * CryptoPro-B and -C): public keys on them (ID cards, tokens) are read and verified, with the curves taken from
 * Bouncy Castle's RFC 4357 tables, not written here. 2009 set D (.4) and "algorithm 1" are named there without a
 * curve, so they stay refused.
 */
final class UzDstCurve {

    static final ECDomainParameters CRYPTO_PRO_A = new ECDomainParameters(
            ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A));
    static final ECDomainParameters CRYPTO_PRO_B = new ECDomainParameters(
            ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_B));
    static final ECDomainParameters CRYPTO_PRO_C = new ECDomainParameters(
            ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_C));

    /** A key family's parameter set and its curve. */
    record ParameterSet(String keyOid, String oid, String curveName, ECDomainParameters curve) {
        boolean curveA() {
            return curve == CRYPTO_PRO_A;
        }
    }

    /** Key OID to the one parameter set OID our own keys use. */
    private static final Map<String, String> PARAMETER_SETS = Map.of(
            UzDst.KEY_OID, UzDst.PARAM_SET_A_OID,
            UzDst.KEY_2024_OID, UzDst.PARAM_SET_2024_A_OID);

    /** Every (key OID, parameter set) the public material maps to a curve. */
    private static final Map<String, ParameterSet> CURVES = Map.ofEntries(
            set(UzDst.KEY_OID, ".1", "A", CRYPTO_PRO_A), set(UzDst.KEY_OID, ".2", "B", CRYPTO_PRO_B),
            set(UzDst.KEY_OID, ".3", "C", CRYPTO_PRO_C), set(UzDst.KEY_OID, ".5", "A", CRYPTO_PRO_A),
            set(UzDst.KEY_OID, ".6", "C", CRYPTO_PRO_C),
            set(UzDst.KEY_2024_OID, ".1", "A", CRYPTO_PRO_A), set(UzDst.KEY_2024_OID, ".2", "B", CRYPTO_PRO_B),
            set(UzDst.KEY_2024_OID, ".3", "C", CRYPTO_PRO_C), set(UzDst.KEY_2024_OID, ".4", "A", CRYPTO_PRO_A),
            set(UzDst.KEY_2024_OID, ".5", "B", CRYPTO_PRO_B), set(UzDst.KEY_2024_OID, ".6", "C", CRYPTO_PRO_C));

    private static Map.Entry<String, ParameterSet> set(String keyOid, String suffix, String curve, ECDomainParameters domain) {
        String oid = keyOid + suffix;
        return Map.entry(keyOid + " " + oid, new ParameterSet(keyOid, oid, "CryptoPro-" + curve, domain));
    }

    private UzDstCurve() {
    }

    /** Checks the identifier names a key family and parameter set we implement; returns the key OID. */
    static String check(AlgorithmIdentifier identifier) throws InvalidKeyException {
        ParameterSet set = parameterSetOf(identifier);
        if (!set.curveA()) {
            throw new InvalidKeyException("Unsupported parameter set " + set.oid() + " for key " + set.keyOid()
                    + " here: only public keys on " + set.curveName() + " are read, private keys are on CryptoPro-A");
        }
        return set.keyOid();
    }

    /** The parameter set and curve an identifier names; refuses sets the public material maps to no curve. */
    static ParameterSet parameterSetOf(AlgorithmIdentifier identifier) throws InvalidKeyException {
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
        ParameterSet set = CURVES.get(keyOid + " " + paramSet);
        if (set == null) {
            throw new InvalidKeyException("Unsupported parameter set " + paramSet + " for key " + keyOid
                    + ": no public material maps it to a curve");
        }
        return set;
    }

    /** Our own keys' parameter set of a key family (set A). */
    static ParameterSet ownSet(String keyOid) {
        return CURVES.get(keyOid + " " + PARAMETER_SETS.get(keyOid));
    }

    static String parameterSet(String keyOid) {
        return PARAMETER_SETS.get(keyOid);
    }

    static AlgorithmIdentifier identifier(String keyOid) {
        return identifier(keyOid, PARAMETER_SETS.get(keyOid));
    }

    static AlgorithmIdentifier identifier(String keyOid, String parameterSet) {
        ASN1EncodableVector params = new ASN1EncodableVector();
        params.add(new ASN1ObjectIdentifier(parameterSet));
        return new AlgorithmIdentifier(new ASN1ObjectIdentifier(keyOid), new DERSequence(params));
    }

    /** Little-endian fixed-width bytes of a non-negative integer below 2^256, as CryptoPro encodes them. */
    /** A point as E-IMZO encodes public keys: x then y, each 32 bytes little-endian. */
    static byte[] littleEndianXy(ECPoint point) {
        ECPoint normal = point.normalize();
        byte[] xy = new byte[64];
        System.arraycopy(littleEndian(normal.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(littleEndian(normal.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        return xy;
    }

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
