package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerKeyAndRenewalTest {

    TestCa ca;
    Path dir;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path dir) {
        this.dir = dir;
        ca = TestCa.create(dataSource, dir);
    }

    @Test
    void serverGeneratedKeyComesAsPkcs12WithChainNamedAfterThePinfl() throws Exception {
        KeyBundle bundle = ca.services.issuer().issueWithServerKey(TestCa.ISSUING, "individual", List.of(), TestCa.individual(),
                "registrar", RegistrationIds.NONE);
        assertThat(bundle.fileName()).matches("DS" + TestCa.individual().pinfl().value() + "\\d{4}\\.pfx");
        assertThat(bundle.password()).hasSize(16);

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(new ByteArrayInputStream(bundle.pkcs12()), bundle.password());
        String alias = p12.aliases().nextElement();
        var chain = p12.getCertificateChain(alias);
        assertThat(chain).hasSize(3);
        assertThat(chain[0]).isEqualTo(bundle.issued().certificate());
        assertThat(chain[1]).isEqualTo(ca.issuing.certificate());
        assertThat(chain[2]).isEqualTo(ca.root.certificate());

        PrivateKey key = (PrivateKey) p12.getKey(alias, bundle.password());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update("hujjat".getBytes());
        byte[] signature = signer.sign();
        signer.initVerify(bundle.issued().certificate());
        signer.update("hujjat".getBytes());
        assertThat(signer.verify(signature)).isTrue();
    }

    @Test
    void pkcs12IsReadableByOpenssl() throws Exception {
        KeyBundle bundle = ca.services.issuer().issueWithServerKey(TestCa.ISSUING, "legal-entity", List.of(), TestCa.director(),
                "registrar", RegistrationIds.NONE);
        assertThat(bundle.fileName()).startsWith("DS301234567");
        Path file = Files.write(dir.resolve(bundle.fileName()), bundle.pkcs12());
        ProcessBuilder builder = new ProcessBuilder("openssl", "pkcs12", "-in", file.toString(), "-passin",
                "env:P12_PASSWORD", "-nodes").redirectErrorStream(true);
        builder.environment().put("P12_PASSWORD", new String(bundle.password()));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.split("BEGIN CERTIFICATE", -1)).hasSize(4);
        assertThat(out).contains("BEGIN PRIVATE KEY");
    }

    @Test
    void renewalKeepsTheIdentityWithANewKeyAndValidity() {
        var oldKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate current = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "legal-entity",
                TestCa.director(), oldKey.getPublic(), "registrar", RegistrationIds.NONE));
        var newKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate renewed = ca.services.issuer().renew(TestCa.ISSUING, current.serial(), newKey.getPublic(), "applicant");
        X509Certificate a = current.certificate();
        X509Certificate b = renewed.certificate();
        assertThat(b.getSubjectX500Principal().getEncoded()).isEqualTo(a.getSubjectX500Principal().getEncoded());
        assertThat(b.getPublicKey()).isEqualTo(newKey.getPublic());
        assertThat(b.getSerialNumber()).isNotEqualTo(a.getSerialNumber());
        assertThat(renewed.profile()).isEqualTo("legal-entity");
        var stored = ca.services.certificates().find(ca.issuing.id(), renewed.serial()).orElseThrow();
        assertThat(stored.stir()).isEqualTo("301234567");
    }

    @Test
    void renewalWithTheSameKeyIsRefused() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate current = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE));
        assertThatThrownBy(() -> ca.services.issuer().renew(TestCa.ISSUING, current.serial(), key.getPublic(), "applicant"))
                .isInstanceOf(IssuanceException.class).hasMessageContaining("generate a new key");
    }

    @Test
    void revokedCertificateCannotBeRenewed() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate current = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE));
        ca.services.revocations().revoke(TestCa.ISSUING, current.serial(), RevocationReason.KEY_COMPROMISE, null, "supervisor");
        var newKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThatThrownBy(() -> ca.services.issuer().renew(TestCa.ISSUING, current.serial(), newKey.getPublic(), "applicant"))
                .isInstanceOf(IssuanceException.class).hasMessageContaining("REVOKED");
    }
}
