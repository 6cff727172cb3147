package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.GOST3411Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECGOST3410Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.util.BigIntegers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * PKCS#10 requests on holders' keys of any Uzbek parameter set and curve, as an ID card or token would send them:
 * SubjectPublicKeyInfo {key OID, SEQUENCE {set}} with x‖y little-endian, signed s‖r over the GOST R 34.11-94
 * (CryptoPro) hash by Bouncy Castle's lightweight signer, independent of our provider.
 */
public final class OtherCurveCsrs {

    private OtherCurveCsrs() {
    }

    /** Bouncy Castle's RFC 4357 CryptoPro curve A, B or C. */
    public static ECDomainParameters curve(String name) {
        ASN1ObjectIdentifier oid = switch (name) {
            case "A" -> CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A;
            case "B" -> CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_B;
            case "C" -> CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_C;
            default -> throw new IllegalArgumentException(name);
        };
        return new ECDomainParameters(ECGOST3410NamedCurves.getByOIDX9(oid));
    }

    public static AsymmetricCipherKeyPair generate(ECDomainParameters curve) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(curve, new SecureRandom()));
        return generator.generateKeyPair();
    }

    /** SubjectPublicKeyInfo as E-IMZO encodes it: {key OID, SEQUENCE {set}}, OCTET STRING x‖y little-endian. */
    public static SubjectPublicKeyInfo spki(String keyOid, String parameterSet, ECPoint q) throws Exception {
        ECPoint point = q.normalize();
        byte[] xy = new byte[64];
        System.arraycopy(littleEndian(point.getAffineXCoord().toBigInteger()), 0, xy, 0, 32);
        System.arraycopy(littleEndian(point.getAffineYCoord().toBigInteger()), 0, xy, 32, 32);
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(keyOid),
                new DERSequence(new ASN1ObjectIdentifier(parameterSet))), new DEROctetString(xy).getEncoded());
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] big = BigIntegers.asUnsignedByteArray(32, value);
        byte[] little = new byte[32];
        for (int i = 0; i < 32; i++) {
            little[i] = big[31 - i];
        }
        return little;
    }

    /** A PKCS#10 request signed s‖r over the GOST R 34.11-94 (CryptoPro) hash, as E-IMZO signs, by Bouncy Castle. */
    public static byte[] request(String keyOid, String parameterSet, AsymmetricCipherKeyPair pair, String signatureOid)
            throws Exception {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        ContentSigner signer = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return new AlgorithmIdentifier(new ASN1ObjectIdentifier(signatureOid), DERNull.INSTANCE);
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                GOST3411Digest digest = new GOST3411Digest();
                byte[] bytes = data.toByteArray();
                digest.update(bytes, 0, bytes.length);
                byte[] hash = new byte[32];
                digest.doFinal(hash, 0);
                ECGOST3410Signer gost = new ECGOST3410Signer();
                gost.init(true, (ECPrivateKeyParameters) pair.getPrivate());
                BigInteger[] rs = gost.generateSignature(hash);
                byte[] out = new byte[64];
                BigIntegers.asUnsignedByteArray(rs[1], out, 0, 32);
                BigIntegers.asUnsignedByteArray(rs[0], out, 32, 32);
                return out;
            }
        };
        return new PKCS10CertificationRequestBuilder(new X500Name("CN=ID card holder"),
                spki(keyOid, parameterSet, ((ECPublicKeyParameters) pair.getPublic()).getQ())).build(signer).getEncoded();
    }
}
