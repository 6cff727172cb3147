package uz.eimzo.ca.issuance;

import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.AgentPfxReader.Tlv;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.gost.UzDst;

import javax.sql.DataSource;
import java.util.List;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A server-made DS….pfx under a GOST-UZ CA, read by {@link AgentPfxReader} (the E-IMZO agent's rules, raw DER):
 * the alias is listed without the password, the password opens a GOST-UZ key in the agent's PKCS#8 form, and
 * the key's certificate is found by localKeyId.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentPfxLayoutTest {

    TestCa ca;
    KeyBundle bundle;

    @BeforeAll
    void issue(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys, KeyAlgorithm.GOST_UZ, Clock.systemUTC(), TestCa.profiles());
        bundle = ca.services.issuer().issueWithServerKey(TestCa.ISSUING, "individual", List.of(),
                new Subject("Rahimov", "Jasur", null, TestCa.pinfl("132", "053"), null,
                        "Toshkent shahri", "Chilonzor tumani", null, null), "registrar", RegistrationIds.NONE);
    }

    @Test
    void theAgentListsTheAliasWithoutThePassword() {
        assertThat(AgentPfxReader.listAliases(bundle.pkcs12())).containsExactly(AgentAlias.of(bundle.issued().certificate()));
    }

    @Test
    void theAliasIsTheX500StyleStringTheEimzoClientParses() {
        String alias = AgentPfxReader.listAliases(bundle.pkcs12()).getFirst();
        var certificate = bundle.issued().certificate();
        assertThat(alias).startsWith("cn=")
                .contains("1.2.860.3.16.1.2=" + TestCa.pinfl("132", "053").value())
                .contains(",serialnumber=" + certificate.getSerialNumber().toString(16) + ",")
                .containsPattern(",validfrom=\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2},validto=\\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2}$");
    }

    @Test
    void thePasswordOpensAGostKeyInTheAgentsPkcs8FormMatchingItsCertificate() throws Exception {
        String alias = AgentPfxReader.listAliases(bundle.pkcs12()).getFirst();
        AgentPfxReader.Opened opened = AgentPfxReader.open(bundle.pkcs12(), alias, bundle.password());
        assertThat(opened.certificate()).isEqualTo(bundle.issued().certificate());
        assertThat(opened.certificate().getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);

        // PrivateKeyInfo { 0, { key OID, bare parameter-set OID }, OCTET STRING ECPrivateKey }
        Tlv info = AgentPfxReader.parse(opened.pkcs8(), 0);
        assertThat(info.child(0).integer()).isZero();
        assertThat(info.child(1).child(0).oid()).isEqualTo("1.2.860.3.15.1.1.2.1");
        assertThat(info.child(1).child(1).oid()).isEqualTo("1.2.860.3.15.1.1.2.1.1");
        // ECPrivateKey { 1, d (32 bytes big-endian), [0] parameter set, [1] public key }
        Tlv ec = AgentPfxReader.parse(info.child(2).content(), 0);
        assertThat(ec.child(0).integer()).isEqualTo(1);
        byte[] d = ec.child(1).content();
        assertThat(d).hasSize(32);
        assertThat(ec.child(2).tag()).isEqualTo(0xa0);
        assertThat(ec.child(2).child(0).oid()).isEqualTo("1.2.860.3.15.1.1.2.1.1");

        // d·G on the CryptoPro-A curve is the certificate's key: x then y, each 32 bytes little-endian.
        var point = ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A)
                .getG().multiply(new BigInteger(1, d)).normalize();
        byte[] spki = opened.certificate().getPublicKey().getEncoded();
        byte[] certificateXy = Arrays.copyOfRange(spki, spki.length - 64, spki.length);
        assertThat(certificateXy).isEqualTo(concat(littleEndian(point.getAffineXCoord().toBigInteger()),
                littleEndian(point.getAffineYCoord().toBigInteger())));
        // [1] carries the same key as the certificate's subjectPublicKey BIT STRING.
        assertThat(ec.child(3).tag()).isEqualTo(0xa1);
        byte[] bitString = ec.child(3).child(0).content();
        assertThat(Arrays.copyOfRange(bitString, bitString.length - 64, bitString.length)).isEqualTo(certificateXy);
    }

    @Test
    void theFileCarriesTheWholeChain() {
        assertThat(AgentPfxReader.certificates(bundle.pkcs12())).containsExactly(bundle.issued().certificate(),
                ca.issuing.certificate(), ca.root.certificate());
    }

    @Test
    void aWrongPasswordDoesNotOpenTheKey() {
        String alias = AgentPfxReader.listAliases(bundle.pkcs12()).getFirst();
        assertThatThrownBy(() -> AgentPfxReader.open(bundle.pkcs12(), alias, "wrong-password".toCharArray()))
                .isInstanceOf(SecurityException.class);
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] big = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
