package uz.eimzo.ca.authority;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.Certificates;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real E-IMZO root (2016) and issuing CA (2018) are recognised without their keys, each signature verified
 * on import; tampered or unanchored certificates are refused, and a recognised CA never reaches a signing path.
 * The class shares one database: the real chain is recognised once, as a centre would.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecognisedCasTest {

    TestCa ca;
    Authorities authorities;
    RecognisedCas recognised;
    RecognisedCa nationalRoot;
    RecognisedCa nationalCa;

    @BeforeAll
    void setUp(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys, KeyAlgorithm.EC_P256, Clock.systemUTC());
        authorities = ca.services.authorities();
        recognised = ca.services.authoritiesDirectory().recognised();
        nationalRoot = authorities.recognise("national-root", root2016(), "ceremony");
        nationalCa = authorities.recognise("national-ca", ca2018(), "ceremony");
    }

    static byte[] resource(String name) {
        try (InputStream in = RecognisedCasTest.class.getResourceAsStream("/eimzo-real-chain/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate root2016() {
        return Certificates.parse(resource("root-2016.der"));
    }

    static X509Certificate ca2018() {
        return Certificates.parse(resource("ca-2018.der"));
    }

    /** The 2018 CA with one bit of its signature flipped: still a parseable certificate. */
    static X509Certificate tampered(String name) {
        byte[] der = resource(name);
        der[der.length - 10] ^= 0x01;
        return Certificates.parse(der);
    }

    @Test
    void realRootAndIssuingCaAreRecognisedAndChainUnderTheRoot() {
        assertThat(recognised.chainOf(nationalCa)).extracting(RecognisedCa::name)
                .containsExactly("national-ca", "national-root");
        assertThat(nationalRoot.root()).isTrue();
        assertThat(nationalCa.keyAlgorithm()).isEqualTo("GOST_UZ");
        assertThat(recognised.all()).extracting(RecognisedCa::name).containsExactly("national-root", "national-ca");
    }

    @Test
    void eachRecognitionIsAuditedWithTheCertificatesFingerprint() {
        assertThat(ca.jdbc.sql("""
                select target || ' ' || actor from audit_event where action = 'ca.recognise' order by id""")
                .query(String.class).list()).containsExactly("national-root ceremony", "national-ca ceremony");
        assertThat(ca.jdbc.sql("select details->>'sha256' from audit_event where target = 'national-root'")
                .query(String.class).single()).isEqualTo(java.util.HexFormat.of().formatHex(
                Certificates.sha256(resource("root-2016.der"))));
    }

    @Test
    void issuerOfFindsTheRecognisedCaWhoseKeyVerifiesTheCertificate() {
        assertThat(recognised.issuerOf(ca2018())).map(RecognisedCa::name).contains("national-root");
        assertThat(recognised.issuerOf(root2016())).map(RecognisedCa::name).contains("national-root");
        assertThat(recognised.issuerOf(tampered("ca-2018.der"))).isEmpty();
        assertThat(recognised.issuerOf(ca.issuing.certificate())).isEmpty();
    }

    @Test
    void theSameCertificateIsNotRecognisedTwice() {
        assertThatThrownBy(() -> authorities.recognise("root-again", root2016(), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.duplicate");
    }

    @Test
    void rootWithAFlippedSignatureBitIsRefused() {
        assertThatThrownBy(() -> authorities.recognise("flipped-root", tampered("root-2016.der"), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.badSignature");
        assertThat(recognised.byName("flipped-root")).isEmpty();
    }

    @Test
    void issuingCaWithAFlippedSignatureBitIsRefusedUnderItsRecognisedIssuer() {
        assertThatThrownBy(() -> authorities.recognise("flipped-ca", tampered("ca-2018.der"), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.badSignature");
        assertThat(recognised.byName("flipped-ca")).isEmpty();
    }

    @Test
    void intermediateWhoseIssuerIsNotRecognisedIsRefused() {
        assertThatThrownBy(() -> authorities.recognise("orphan-ca", caUnderAnUnknownRoot(), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.issuerNotRecognised");
        assertThat(recognised.byName("orphan-ca")).isEmpty();
    }

    /** A CA certificate signed by a root nobody recognised (made here with Bouncy Castle, not by our CA). */
    static X509Certificate caUnderAnUnknownRoot() {
        try {
            var rootKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
            var caKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
            var now = java.time.Instant.now();
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                    new org.bouncycastle.asn1.x500.X500Name("CN=Unrecognised Root,C=UZ"), java.math.BigInteger.TEN,
                    java.util.Date.from(now), java.util.Date.from(now.plusSeconds(86_400)),
                    new org.bouncycastle.asn1.x500.X500Name("CN=Orphan CA,C=UZ"), caKey.getPublic())
                    .addExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints, true,
                            new org.bouncycastle.asn1.x509.BasicConstraints(0));
            var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(rootKey.getPrivate());
            return Certificates.parse(builder.build(signer).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void endEntityCertificateIsNotRecognisedAsACa() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        X509Certificate holder = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)).certificate();
        assertThatThrownBy(() -> authorities.recognise("holder", holder, "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.notCa");
    }

    @Test
    void aRecognisedCaCannotIssueASubordinate() {
        assertThatThrownBy(() -> authorities.createIssuing("national-root", "nosign-sub", TestCa.caName("Sub"),
                KeyAlgorithm.GOST_UZ, Period.ofYears(5), new CaKeyStore(ca.storage), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.external")
                .hasMessageContaining("cannot sign");
    }

    @Test
    void aRecognisedCaCannotIssueAnEndEntityCertificate() {
        var key = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest("national-ca", "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.external");
    }

    @Test
    void aRecognisedNameCannotBeTakenByAnOperatedCa() {
        assertThatThrownBy(() -> authorities.createRoot("national-root", TestCa.caName("Ours"), KeyAlgorithm.EC_P256,
                Period.ofYears(5), new CaKeyStore(ca.storage), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasFieldOrPropertyWithValue("code", "ca.exists");
    }
}
