package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.Certificates;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leaf, issuing CA and root validate as a chain for clients nobody here wrote: openssl and Java's PKIX. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChainValidationTest {

    /** The key type of the root and issuing CA under test. */
    abstract KeyAlgorithm caKey();


    TestCa ca;
    Path dir;

    @BeforeAll
    void createCas(DataSource dataSource, @TempDir Path dir) throws Exception {
        this.dir = dir;
        ca = TestCa.create(dataSource, dir, caKey(), Clock.systemUTC());
    }

    private X509Certificate issueLeaf(TestCa ca, KeyAlgorithm subjectKey) {
        var key = subjectKey.generate(new SecureRandom());
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "legal-entity", TestCa.director(),
                key.getPublic(), "registrar", RegistrationIds.NONE)).certificate();
    }

    private String openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return "exit=" + p.exitValue() + " " + out;
    }

    @Test
    void opensslVerifiesLeafThroughIssuingCaToRoot() throws Exception {
        X509Certificate leaf = issueLeaf(ca, KeyAlgorithm.RSA_2048);
        Path root = Files.writeString(dir.resolve("root.pem"), Certificates.pem(ca.root.certificate()));
        Path issuing = Files.writeString(dir.resolve("issuing.pem"), Certificates.pem(ca.issuing.certificate()));
        Path leafPem = Files.writeString(dir.resolve("leaf.pem"), Certificates.pem(leaf));
        String result = openssl("openssl", "verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", root.toString(),
                "-untrusted", issuing.toString(), leafPem.toString());
        assertThat(result).startsWith("exit=0").contains(": OK");
    }

    @Test
    void opensslRefusesTheLeafWithoutItsIssuingCa() throws Exception {
        X509Certificate leaf = issueLeaf(ca, KeyAlgorithm.EC_P256);
        Path root = Files.writeString(dir.resolve("root-only.pem"), Certificates.pem(ca.root.certificate()));
        Path leafPem = Files.writeString(dir.resolve("orphan.pem"), Certificates.pem(leaf));
        assertThat(openssl("openssl", "verify", "-CAfile", root.toString(), leafPem.toString())).doesNotStartWith("exit=0");
    }

    @Test
    void javaPkixValidatesTheChain() throws Exception {
        X509Certificate leaf = issueLeaf(ca, KeyAlgorithm.EC_P384);
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root.certificate(), null)));
        parameters.setRevocationEnabled(false);
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, ca.issuing.certificate()));
        var result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, parameters);
        assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(ca.root.certificate());
        assertThat(result.getPublicKey()).isEqualTo(leaf.getPublicKey());
    }

    @Test
    void javaPkixRefusesAChainToAnotherRoot() throws Exception {
        X509Certificate leaf = issueLeaf(ca, KeyAlgorithm.EC_P256);
        var strangerKey = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var strangerRoot = Certificates.parse(ca.root.certificate().getEncoded());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(
                strangerRoot.getSubjectX500Principal(), strangerKey.getPublic(), null)));
        parameters.setRevocationEnabled(false);
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, ca.issuing.certificate()));
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX").validate(path, parameters))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void caCertificatesAreSignedWithTheirKeyAlgorithm() {
        assertThat(ca.root.keyAlgorithm()).isEqualTo(caKey());
        assertThat(ca.issuing.keyAlgorithm()).isEqualTo(caKey());
        assertThat(ca.issuing.certificate().getSigAlgName()).isEqualToIgnoringCase(caKey().signatureAlgorithm());
    }

    @Test
    void rootIsSelfSignedCaAndIssuingCaIsConstrainedToPathLengthZero() throws Exception {
        X509Certificate root = ca.root.certificate();
        root.verify(root.getPublicKey());
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ca.issuing.certificate().getBasicConstraints()).isZero();
        assertThat(ca.issuing.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.issuing.certificate().getKeyUsage()[6]).as("cRLSign").isTrue();
    }
}
