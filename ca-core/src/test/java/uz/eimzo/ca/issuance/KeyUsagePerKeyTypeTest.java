package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber certificate's keyUsage follows the subject's key type: GOST-UZ keeps E-IMZO's five bits, an EC key
 * signs and agrees keys (RFC 5480), an RSA key signs and transports keys (RFC 4055), an Ed25519 key only signs
 * (RFC 8410). Read back by the JDK and, where it can parse the key, by openssl.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyUsagePerKeyTypeTest {

    TestCa ca;
    Path dir;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
        dir = keys;
    }

    private X509Certificate issue(KeyAlgorithm subjectKey) {
        var key = subjectKey.generate(new SecureRandom());
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE)).certificate();
    }

    private static List<String> bits(X509Certificate certificate) {
        String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
                "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        List<String> set = new ArrayList<>();
        boolean[] usage = certificate.getKeyUsage();
        for (int i = 0; i < usage.length; i++) {
            if (usage[i]) {
                set.add(names[i]);
            }
        }
        return set;
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "GOST_UZ;  digitalSignature nonRepudiation keyEncipherment dataEncipherment keyAgreement",
            "EC_P256;  digitalSignature nonRepudiation keyAgreement",
            "EC_P384;  digitalSignature nonRepudiation keyAgreement",
            "RSA_2048; digitalSignature nonRepudiation keyEncipherment",
            "ED25519;  digitalSignature nonRepudiation"})
    void keyUsageFollowsTheSubjectKeyType(KeyAlgorithm subjectKey, String expected) {
        X509Certificate certificate = issue(subjectKey);
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.15");
        assertThat(bits(certificate)).containsExactly(expected.trim().split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "EC_P256;  Digital Signature, Non Repudiation, Key Agreement",
            "RSA_3072; Digital Signature, Non Repudiation, Key Encipherment",
            "ED25519;  Digital Signature, Non Repudiation"})
    void opensslReadsTheSameKeyUsage(KeyAlgorithm subjectKey, String expected) throws Exception {
        Path pem = Files.writeString(dir.resolve(subjectKey + ".pem"), Certificates.pem(issue(subjectKey)));
        Process p = new ProcessBuilder("openssl", "x509", "-noout", "-ext", "keyUsage", "-in", pem.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().map(String::strip).toList()).containsExactly("X509v3 Key Usage: critical", expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "EC_P256;  digitalSignature",
            "RSA_2048; digitalSignature keyEncipherment"})
    void tlsServerCertificateAssertsKeyEnciphermentOnlyForAnRsaKey(KeyAlgorithm subjectKey, String expected) {
        var key = subjectKey.generate(new SecureRandom());
        X509Certificate certificate = ca.services.issuer().issueService(TestCa.ISSUING, ServiceProfile.TLS_SERVER,
                List.of(new DnAttribute(DnAttribute.CN, "localhost")), List.of("localhost"), key.getPublic(),
                Period.ofDays(90), "tls-bootstrap").certificate();
        assertThat(bits(certificate)).containsExactly(expected.trim().split(" "));
    }
}
