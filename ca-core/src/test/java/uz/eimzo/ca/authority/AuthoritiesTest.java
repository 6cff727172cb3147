package uz.eimzo.ca.authority;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthoritiesTest {

    TestCa ca;
    Path dir;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path dir) {
        this.dir = dir;
        ca = TestCa.create(dataSource, dir);
    }

    @Test
    void listShowsRootThenIssuingCaWithTheirKeyReferences() {
        assertThat(ca.services.authorities().list()).extracting(CertificateAuthority::name)
                .containsExactly(TestCa.ROOT, TestCa.ISSUING);
        CertificateAuthority issuing = ca.services.authoritiesDirectory().require(TestCa.ISSUING);
        assertThat(issuing.parentId()).isEqualTo(ca.root.id());
        assertThat(issuing.keyReference()).startsWith("pkcs12:").endsWith("#" + TestCa.ISSUING);
        assertThat(issuing.keyReference()).doesNotContain("test-password");
    }

    @Test
    void issuingCaCertificateIsRecordedUnderItsRoot() {
        var record = ca.services.certificates().find(ca.root.id(), ca.issuing.certificate().getSerialNumber()).orElseThrow();
        assertThat(record.profile()).isEqualTo("sub-ca");
        assertThat(record.certificate()).isEqualTo(ca.issuing.certificate());
    }

    @Test
    void secondCaWithATakenNameIsRefused() {
        assertThatThrownBy(() -> ca.services.authorities().createRoot(TestCa.ROOT, TestCa.caName("Another"),
                KeyAlgorithm.EC_P256, Period.ofYears(5), new CaKeyStore(ca.storage), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasMessage("A CA named test-root already exists");
    }

    @Test
    void existingCaIsImportedWithTheKeyReferenceOfItsStorage() {
        var elsewhere = new Pkcs12KeyStorage(dir.resolve("elsewhere.p12"), "other".toCharArray());
        var key = new CaKeyStore(elsewhere).generate(KeyAlgorithm.RSA_2048);
        var certificate = ca.services.issuer().issueSubordinate(ca.root, TestCa.caName("Imported CA"), key,
                Period.ofYears(3), "ceremony");
        key.keep("imported", java.util.List.of(certificate, ca.root.certificate()));

        CertificateAuthority imported = ca.services.authorities().importCa("imported-ca", certificate, TestCa.ROOT,
                new CaKeyStore(elsewhere), "imported", "ceremony");
        assertThat(imported.parentId()).isEqualTo(ca.root.id());
        assertThat(imported.keyAlgorithm()).isEqualTo(KeyAlgorithm.RSA_2048);
        assertThat(imported.keyReference()).isEqualTo(elsewhere.reference("imported"));
    }

    @Test
    void importWithAKeyThatDoesNotMatchTheCertificateIsRefused() {
        var other = new Pkcs12KeyStorage(dir.resolve("other.p12"), "other".toCharArray());
        var key = new CaKeyStore(other).generate(KeyAlgorithm.EC_P256);
        var certificate = ca.services.issuer().issueSubordinate(ca.root, TestCa.caName("Unregistered CA"), key,
                Period.ofYears(3), "ceremony");
        assertThatThrownBy(() -> ca.services.authorities().importCa("mismatch", certificate, null,
                new CaKeyStore(ca.storage), TestCa.ROOT, "ceremony"))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("does not match");
        assertThat(ca.services.authoritiesDirectory().byName("mismatch")).isEmpty();
    }

    @Test
    void caNamesAreRestrictedToSafeCharacters() {
        assertThatThrownBy(() -> ca.services.authorities().createRoot("Bad Name/..", TestCa.caName("x"),
                KeyAlgorithm.EC_P256, Period.ofYears(5), new CaKeyStore(ca.storage), "ceremony"))
                .isInstanceOf(AuthorityException.class).hasMessageContaining("lower-case");
    }
}
