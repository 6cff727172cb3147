package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPublicKey;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.math.BigInteger;

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

    private static ECDomainParameters curve(String name) {
        return OtherCurveCsrs.curve(name);
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
        AsymmetricCipherKeyPair pair = OtherCurveCsrs.generate(curve(curveName));
        byte[] csr = OtherCurveCsrs.request(keyOid, parameterSet, pair, signatureOid);

        var parsed = CertificationRequests.parse(csr);

        assertThat(KeyAlgorithm.of(parsed.publicKey())).contains(KeyAlgorithm.GOST_UZ);
        UzDstPublicKey key = (UzDstPublicKey) parsed.publicKey();
        assertThat(key.keyOid()).isEqualTo(keyOid);
        assertThat(key.parameterSetOid()).isEqualTo(parameterSet);
        assertThat(SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                .isEqualTo(OtherCurveCsrs.spki(keyOid, parameterSet, ((ECPublicKeyParameters) pair.getPublic()).getQ()));
    }

    @Test
    void aRequestWithAFlippedBitOnCurveBIsRefused() throws Exception {
        byte[] csr = OtherCurveCsrs.request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.2", OtherCurveCsrs.generate(curve("B")), UzDst.SIGNATURE_OID);
        csr[csr.length - 5] ^= 1;

        assertThatThrownBy(() -> CertificationRequests.parse(csr)).isInstanceOf(MalformedInputException.class);
    }

    @Test
    void aPointOfCurveALabelledSetBIsRefusedNamingTheSet() throws Exception {
        byte[] csr = OtherCurveCsrs.request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.2", OtherCurveCsrs.generate(curve("A")), UzDst.SIGNATURE_OID);

        assertThatThrownBy(() -> CertificationRequests.parse(csr)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("1.2.860.3.15.1.1.2.1.2");
    }

    @Test
    void the2009SetDWhichNoMaterialMapsToACurveIsStillRefusedByName() throws Exception {
        byte[] csr = OtherCurveCsrs.request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.4", OtherCurveCsrs.generate(curve("A")), UzDst.SIGNATURE_OID);

        assertThatThrownBy(() -> CertificationRequests.parse(csr)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("1.2.860.3.15.1.1.2.1.4");
    }
}
