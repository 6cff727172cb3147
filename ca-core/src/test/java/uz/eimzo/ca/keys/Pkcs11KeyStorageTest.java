package uz.eimzo.ca.keys;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.SoftHsm;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Period;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** CA keys on a real PKCS#11 token: SoftHSM2 through SunPKCS11, tokens made fresh for the test run. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11KeyStorageTest {

    private static final char[] PIN = SoftHsm.USER_PIN.toCharArray();

    SoftHsm hsm;
    Path configuration;
    Pkcs11KeyStorage token;
    CaServices services;

    @BeforeAll
    void openToken(DataSource dataSource, @TempDir Path directory) {
        assumeTrue(SoftHsm.available(), "SoftHSM2 is not installed (" + SoftHsm.LIBRARY
                + " is absent): PKCS#11 tests skipped; install the softhsm2 package to run them");
        hsm = SoftHsm.get();
        configuration = hsm.writeConfiguration("eimzo-ca", directory.resolve("softhsm-eimzo-ca.cfg"));
        token = new Pkcs11KeyStorage(configuration.toString(), PIN);
        services = CaServices.create(dataSource, new CaSigner(List.of(token)), TestCa.profiles(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_2048"})
    void caHierarchyOnTheTokenIssuesCertificatesTheJdkVerifies(KeyAlgorithm algorithm) throws Exception {
        String suffix = algorithm.name().toLowerCase(Locale.ROOT).replace('_', '-');
        CertificateAuthority root = services.authorities().createRoot("hsm-root-" + suffix,
                TestCa.caName("HSM Root " + algorithm), algorithm, Period.ofYears(20), new CaKeyStore(token), "ceremony");
        CertificateAuthority issuing = services.authorities().createIssuing(root.name(), "hsm-issuing-" + suffix,
                TestCa.caName("HSM Issuing " + algorithm), algorithm, Period.ofYears(10), new CaKeyStore(token), "ceremony");

        var subscriberKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate issued = services.issuer().issue(new EndEntityRequest(issuing.name(), "individual",
                TestCa.individual(), subscriberKey.getPublic(), "registrar", RegistrationIds.NONE));

        X509Certificate leaf = issued.certificate();
        leaf.verify(issuing.certificate().getPublicKey());
        issuing.certificate().verify(root.certificate().getPublicKey());
        root.certificate().verify(root.certificate().getPublicKey());
        assertThat(leaf.getSigAlgName()).isEqualToIgnoringCase(algorithm.signatureAlgorithm());
        assertThat(issuing.keyReference()).isEqualTo("pkcs11:" + configuration.toAbsolutePath() + "#" + issuing.name());
        assertThat(token.chain(issuing.name())).containsExactly(issuing.certificate(), root.certificate());
    }

    @Test
    void keyStoredOnTheTokenIsOpenedAgainByANewStorageAndSigns() throws Exception {
        CertificateAuthority root = services.authorities().createRoot("hsm-reopened", TestCa.caName("HSM Reopened"),
                KeyAlgorithm.EC_P256, Period.ofYears(20), new CaKeyStore(token), "ceremony");
        byte[] data = "signed after reopening the token".getBytes(StandardCharsets.UTF_8);

        // A new provider instance lists token objects afresh: only a key made persistent on the token is found.
        SigningKey reopened = new Pkcs11KeyStorage(configuration.toString(), PIN).open(root.name());
        byte[] signature = reopened.sign(data);

        Signature verifier = Signature.getInstance(KeyAlgorithm.EC_P256.signatureAlgorithm());
        verifier.initVerify(root.certificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void privateKeyOnTheTokenCannotBeExtracted() {
        CertificateAuthority root = services.authorities().createRoot("hsm-sensitive", TestCa.caName("HSM Sensitive"),
                KeyAlgorithm.EC_P256, Period.ofYears(20), new CaKeyStore(token), "ceremony");

        JcaSigningKey key = (JcaSigningKey) token.open(root.name());

        assertThat(key.privateKey().getEncoded()).as("encoded private key").isNull();
    }

    @Test
    void wrongPinIsRefusedWithAMessageThatDoesNotContainIt(@TempDir Path directory) {
        // A token no other test logs in to: PKCS#11 would let an already logged-in process in without a PIN.
        Path untouched = hsm.writeConfiguration("eimzo-pin-check", directory.resolve("softhsm-pin-check.cfg"));
        String wrongPin = "9876543210";

        assertThatThrownBy(() -> new Pkcs11KeyStorage(untouched.toString(), wrongPin.toCharArray()))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("refused the PIN")
                .hasMessageContaining(untouched.toAbsolutePath().toString())
                .hasMessageNotContaining(wrongPin)
                .hasMessageNotContaining(SoftHsm.USER_PIN);
    }

    @Test
    void ed25519IsRefusedBecauseSunPkcs11CannotUseIt() {
        assertThatThrownBy(() -> token.generate(KeyAlgorithm.ED25519))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("Ed25519");
    }

    @Test
    void gostUzIsRefusedClearlyBecauseSunPkcs11HasNoSuchMechanism() {
        assertThatThrownBy(() -> token.generate(KeyAlgorithm.GOST_UZ))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("GOST-UZ").hasMessageContaining("PKCS#12");
    }

    @Test
    void inlineConfigurationStartingWithDashesOpensTheToken() throws Exception {
        Pkcs11KeyStorage inline = new Pkcs11KeyStorage(hsm.inlineConfiguration("eimzo-ca-2"), PIN);
        SigningKey key = inline.generate(KeyAlgorithm.RSA_2048);
        byte[] data = {1, 2, 3};

        Signature verifier = Signature.getInstance(KeyAlgorithm.RSA_2048.signatureAlgorithm());
        verifier.initVerify(key.publicKey());
        verifier.update(data);
        assertThat(verifier.verify(key.sign(data))).isTrue();
        assertThat(inline.reference("k")).isEqualTo("pkcs11:inline#k");
    }

    @Test
    void missingConfigurationFileIsReportedByItsPath(@TempDir Path directory) {
        Path missing = directory.resolve("absent.cfg");

        assertThatThrownBy(() -> new Pkcs11KeyStorage(missing.toString(), PIN))
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining(missing.toString());
    }
}
