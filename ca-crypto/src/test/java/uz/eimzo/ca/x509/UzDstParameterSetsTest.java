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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPublicKey;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Holders' keys on the other Uzbek parameter sets (ID cards, tokens): the public material (../shared/domain/E-IMZO.md,
 * ganiyevuz/openimzo keys.rs and ec.rs) maps 2009 sets .2 to curve B, .3 and .6 (XchB) to C, .5 (XchA) to A, and 2024
 * sets .2 and .5 to B, .3 and .6 to C, .4 to A, with curves B and C being RFC 4357's CryptoPro-B and -C. A request on
 * such a key, signed by a signer written here from Bouncy Castle's lightweight classes (not our provider), is read
 * with proof of possession and its key keeps its parameter set; what the material maps to no curve stays refused.
 */
class UzDstParameterSetsTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static ECDomainParameters curve(String name) {
        ASN1ObjectIdentifier oid = switch (name) {
            case "A" -> CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A;
            case "B" -> CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_B;
            case "C" -> CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_C;
            default -> throw new IllegalArgumentException(name);
        };
        return new ECDomainParameters(ECGOST3410NamedCurves.getByOIDX9(oid));
    }

    @Test
    void bouncyCastlesCurvesBAndCAreTheOnesThePublicMaterialStates() {
        // p, a, b, n, Gx, Gy as openimzo's ec.rs states them for its curves B and C.
        assertCurve(curve("B"), "8000000000000000000000000000000000000000000000000000000000000C99",
                "8000000000000000000000000000000000000000000000000000000000000C96",
                "3E1AF419A269A5F866A7D3C25C3DF80AE979259373FF2B182F49D4CE7E1BBC8B",
                "800000000000000000000000000000015F700CFFF1A624E5E497161BCC8A198F", "1",
                "3FA8124359F96680B83D1C3EB2C070E5C545C9858D03ECFB744BF8D717717EFC");
        assertCurve(curve("C"), "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D759B",
                "9B9F605F5A858107AB1EC85E6B41C8AACF846E86789051D37998F7B9022D7598", "805A",
                "9B9F605F5A858107AB1EC85E6B41C8AA582CA3511EDDFB74F02F3A6598980BB9", "0",
                "41ECE55743711A8C3CBF3783CD08C0EE4D4DC440D4641A8F366E550DFDB3BB67");
    }

    private static void assertCurve(ECDomainParameters curve, String p, String a, String b, String n, String gx, String gy) {
        assertThat(curve.getCurve().getField().getCharacteristic()).isEqualTo(new BigInteger(p, 16));
        assertThat(curve.getCurve().getA().toBigInteger()).isEqualTo(new BigInteger(a, 16));
        assertThat(curve.getCurve().getB().toBigInteger()).isEqualTo(new BigInteger(b, 16));
        assertThat(curve.getN()).isEqualTo(new BigInteger(n, 16));
        ECPoint g = curve.getG().normalize();
        assertThat(g.getAffineXCoord().toBigInteger()).isEqualTo(new BigInteger(gx, 16));
        assertThat(g.getAffineYCoord().toBigInteger()).isEqualTo(new BigInteger(gy, 16));
    }

    @ParameterizedTest
    @CsvSource({
            "1.2.860.3.15.1.1.2.1, 1.2.860.3.15.1.1.2.1.2, B, 1.2.860.3.15.1.1.2.2.2.2",
            "1.2.860.3.15.1.1.2.1, 1.2.860.3.15.1.1.2.1.3, C, 1.2.860.3.15.1.1.2.2.2.2",
            "1.2.860.3.15.1.1.2.1, 1.2.860.3.15.1.1.2.1.5, A, 1.2.860.3.15.1.1.2.2.2.2",
            "1.2.860.3.15.1.1.2.1, 1.2.860.3.15.1.1.2.1.6, C, 1.2.860.3.15.1.1.2.2.2.2",
            "1.2.860.3.15.2.1.2.1, 1.2.860.3.15.2.1.2.1.2, B, 1.2.860.3.15.2.1.2.2.2.2",
            "1.2.860.3.15.2.1.2.1, 1.2.860.3.15.2.1.2.1.3, C, 1.2.860.3.15.2.1.2.2.2.2",
            "1.2.860.3.15.2.1.2.1, 1.2.860.3.15.2.1.2.1.4, A, 1.2.860.3.15.2.1.2.2.2.2",
            "1.2.860.3.15.2.1.2.1, 1.2.860.3.15.2.1.2.1.5, B, 1.2.860.3.15.2.1.2.2.2.2",
            "1.2.860.3.15.2.1.2.1, 1.2.860.3.15.2.1.2.1.6, C, 1.2.860.3.15.2.1.2.2.2.2"})
    void aRequestOnAKeyOfTheMappedCurveIsReadWithProofOfPossessionAndKeepsItsParameterSet(
            String keyOid, String parameterSet, String curveName, String signatureOid) throws Exception {
        AsymmetricCipherKeyPair pair = generate(curve(curveName));
        byte[] csr = request(keyOid, parameterSet, pair, signatureOid);

        var parsed = CertificationRequests.parse(csr);

        assertThat(KeyAlgorithm.of(parsed.publicKey())).contains(KeyAlgorithm.GOST_UZ);
        UzDstPublicKey key = (UzDstPublicKey) parsed.publicKey();
        assertThat(key.keyOid()).isEqualTo(keyOid);
        assertThat(key.parameterSetOid()).isEqualTo(parameterSet);
        assertThat(SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                .isEqualTo(spki(keyOid, parameterSet, ((ECPublicKeyParameters) pair.getPublic()).getQ()));
    }

    @Test
    void aRequestWithAFlippedBitOnCurveBIsRefused() throws Exception {
        byte[] csr = request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.2", generate(curve("B")), UzDst.SIGNATURE_OID);
        csr[csr.length - 5] ^= 1;

        assertThatThrownBy(() -> CertificationRequests.parse(csr)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aPointOfCurveALabelledSetBIsRefusedNamingTheSet() throws Exception {
        byte[] csr = request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.2", generate(curve("A")), UzDst.SIGNATURE_OID);

        assertThatThrownBy(() -> CertificationRequests.parse(csr)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("1.2.860.3.15.1.1.2.1.2");
    }

    @Test
    void the2009SetDWhichNoMaterialMapsToACurveIsStillRefusedByName() throws Exception {
        byte[] csr = request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.4", generate(curve("A")), UzDst.SIGNATURE_OID);

        assertThatThrownBy(() -> CertificationRequests.parse(csr)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("1.2.860.3.15.1.1.2.1.4");
    }

    private static AsymmetricCipherKeyPair generate(ECDomainParameters curve) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(curve, RANDOM));
        return generator.generateKeyPair();
    }

    /** SubjectPublicKeyInfo as E-IMZO encodes it: {key OID, SEQUENCE {set}}, OCTET STRING x‖y little-endian. */
    private static SubjectPublicKeyInfo spki(String keyOid, String parameterSet, ECPoint q) throws Exception {
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
    private static byte[] request(String keyOid, String parameterSet, AsymmetricCipherKeyPair pair, String signatureOid)
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
