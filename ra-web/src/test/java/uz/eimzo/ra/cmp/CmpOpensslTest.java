package uz.eimzo.ra.cmp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.selfservice.SelfService;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * openssl cmp (3.0) as the applicant's client against the running application: ir with an enrollment code,
 * certConf, kur with the current certificate, rr with the certificate's own key, p10cr. The renewal window is widened
 * to 400 days here so a freshly issued one-year certificate may be renewed; the 60-day default is tested in
 * {@link CmpRefusalsTest}.
 */
@TestPropertySource(properties = "eimzo.cmp.renewal-window=400d")
class CmpOpensslTest extends RaTestBase {

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;
    @Autowired
    SelfService selfService;

    Applicants applicants;

    @BeforeEach
    void applicants() {
        applicants = new Applicants(operators, registrations, codes);
    }

    private String server() {
        return "http://127.0.0.1:" + port + "/.well-known/cmp/p/demo-issuing";
    }

    /** ir with -ref/-secret; returns the directory's cert.pem (and key.pem, root.pem). */
    private OpenSsl.Result enroll(OpenSsl openssl, EnrollmentCodes.Code code, String key, String certOut) {
        // The applicant's kit carries the root, so refusals (signed by the CA, not MAC-protected) can be authenticated.
        anchor(openssl);
        return openssl.run("cmp", "-cmd", "ir", "-server", server(), "-ref", code.reference(), "-secret", "pass:" + code.secret(),
                "-recipient", "/CN=E-IMZO CA", "-newkey", key, "-subject", "/CN=Someone Else/O=Forged",
                "-certout", certOut, "-cacertsout", "root.pem", "-trusted", "anchor.pem");
    }

    /** A registered applicant enrolled with ir into cert.pem/key.pem (root.pem beside them); returns their code. */
    private EnrollmentCodes.Code enrolled(OpenSsl openssl) {
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(Operators.pinfl()));
        openssl.newKey("key.pem");
        OpenSsl.Result result = enroll(openssl, code, "key.pem", "cert.pem");
        assertThat(result.exit()).as(result.output()).isZero();
        return code;
    }

    private void anchor(OpenSsl openssl) {
        try {
            Files.writeString(openssl.directory().resolve("anchor.pem"),
                    Certificates.pem(ca.authoritiesDirectory().require("demo-root").certificate()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String pinflOf(X509Certificate certificate) {
        return jdbc.sql("select pinfl from certificate where serial = ?").param(new BigDecimal(certificate.getSerialNumber()))
                .query(String.class).single();
    }

    @Test
    void irWithEnrollmentCodeIssuesTheRegisteredIdentityAndIsConfirmed(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        String pinfl = Operators.pinfl();
        long request = applicants.submitted(pinfl);
        EnrollmentCodes.Code code = applicants.code(request);
        openssl.newKey("key.pem");

        OpenSsl.Result result = enroll(openssl, code, "key.pem", "cert.pem");

        assertThat(result.exit()).as(result.output()).isZero();
        X509Certificate certificate = pem(dir.resolve("cert.pem"));
        assertThat(certificate.getSubjectX500Principal().getName()).contains("TURSUNOV AKMAL").doesNotContain("Forged");
        assertThat(pinflOf(certificate)).isEqualTo(pinfl);
        assertThat(pem(dir.resolve("root.pem")).getSubjectX500Principal().getName()).contains("Demo Root");
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("ISSUED");
        assertThat(jdbc.sql("select confirmed_at is not null from cmp_transaction where serial = ?")
                .param(new BigDecimal(certificate.getSerialNumber())).query(Boolean.class).single()).isTrue();
        openssl.ok("verify", "-CAfile", "root.pem", "-untrusted", issuingPem(dir).toString(), "cert.pem");
    }

    @Test
    void enrollmentCodeWorksOnlyOnce(@TempDir Path dir) {
        OpenSsl openssl = new OpenSsl(dir);
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(Operators.pinfl()));
        openssl.newKey("key.pem");
        openssl.newKey("key2.pem");
        assertThat(enroll(openssl, code, "key.pem", "cert.pem").exit()).isZero();

        OpenSsl.Result second = enroll(openssl, code, "key2.pem", "cert2.pem");

        assertThat(second.exit()).isNotZero();
        assertThat(second.output()).contains("badMessageCheck");
        assertThat(dir.resolve("cert2.pem")).doesNotExist();
    }

    @Test
    void wrongSecretIsRefusedWithBadMessageCheck(@TempDir Path dir) {
        OpenSsl openssl = new OpenSsl(dir);
        long request = applicants.submitted(Operators.pinfl());
        EnrollmentCodes.Code code = applicants.code(request);
        openssl.newKey("key.pem");

        OpenSsl.Result result = enroll(openssl, new EnrollmentCodes.Code(code.reference(), "WRONGSECRET12345", code.expiresAt(), null),
                "key.pem", "cert.pem");

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("badMessageCheck");
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }

    @Test
    void kurWithTheCurrentCertificateIssuesANewKeyForTheSameIdentity(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        enrolled(openssl);
        openssl.newKey("new-key.pem");

        openssl.ok("cmp", "-cmd", "kur", "-server", server(), "-cert", "cert.pem", "-key", "key.pem",
                "-newkey", "new-key.pem", "-trusted", "root.pem", "-certout", "new-cert.pem");

        X509Certificate old = pem(dir.resolve("cert.pem"));
        X509Certificate renewed = pem(dir.resolve("new-cert.pem"));
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(old.getSubjectX500Principal());
        assertThat(renewed.getSerialNumber()).isNotEqualTo(old.getSerialNumber());
        assertThat(renewed.getPublicKey()).isNotEqualTo(old.getPublicKey());
        assertThat(pinflOf(renewed)).isEqualTo(pinflOf(old));
        assertThat(jdbc.sql("select confirmed_at is not null from cmp_transaction where serial = ?")
                .param(new BigDecimal(renewed.getSerialNumber())).query(Boolean.class).single()).isTrue();
    }

    @Test
    void rrSignedByTheCertificatesOwnKeyRevokesIt(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        enrolled(openssl);

        openssl.ok("cmp", "-cmd", "rr", "-server", server(), "-cert", "cert.pem", "-key", "key.pem",
                "-oldcert", "cert.pem", "-revreason", "1", "-trusted", "root.pem");

        BigInteger serial = pem(dir.resolve("cert.pem")).getSerialNumber();
        assertThat(jdbc.sql("select status || ':' || revocation_reason from certificate where serial = ?")
                .param(new BigDecimal(serial)).query(String.class).single()).isEqualTo("REVOKED:1");
    }

    @Test
    void revocationCodeHandedOutWithTheEnrollmentCodeRevokesTheEnrolledCertificate(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        EnrollmentCodes.Code code = enrolled(openssl);
        BigInteger serial = pem(dir.resolve("cert.pem")).getSerialNumber();

        selfService.revoke(serial.toString(16), code.revocationCode());

        assertThat(jdbc.sql("select status || ':' || revocation_reason from certificate where serial = ?")
                .param(new BigDecimal(serial)).query(String.class).single()).isEqualTo("REVOKED:1");
    }

    @Test
    void certificateRenewedWithKurKeepsTheRevocationCodeOfItsPredecessor(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        EnrollmentCodes.Code code = enrolled(openssl);
        openssl.newKey("new-key.pem");
        openssl.ok("cmp", "-cmd", "kur", "-server", server(), "-cert", "cert.pem", "-key", "key.pem",
                "-newkey", "new-key.pem", "-trusted", "root.pem", "-certout", "new-cert.pem");
        BigInteger renewed = pem(dir.resolve("new-cert.pem")).getSerialNumber();

        selfService.revoke(renewed.toString(16), code.revocationCode());

        assertThat(jdbc.sql("select status from certificate where serial = ?")
                .param(new BigDecimal(renewed)).query(String.class).single()).isEqualTo("REVOKED");
    }

    @Test
    void crWithEnrollmentCodeIsAnsweredWithCp(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        String pinfl = Operators.pinfl();
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(pinfl));
        openssl.newKey("key.pem");

        openssl.ok("cmp", "-cmd", "cr", "-server", server(), "-ref", code.reference(), "-secret", "pass:" + code.secret(),
                "-recipient", "/CN=E-IMZO CA", "-newkey", "key.pem", "-subject", "/CN=x", "-certout", "cert.pem");

        assertThat(pinflOf(pem(dir.resolve("cert.pem")))).isEqualTo(pinfl);
    }

    @Test
    void p10crWithEnrollmentCodeCertifiesTheTokensRequest(@TempDir Path dir) throws Exception {
        OpenSsl openssl = new OpenSsl(dir);
        String pinfl = Operators.pinfl();
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(pinfl));
        openssl.newKey("key.pem");
        openssl.ok("req", "-new", "-key", "key.pem", "-subj", "/CN=Token", "-out", "csr.pem");

        openssl.ok("cmp", "-cmd", "p10cr", "-server", server(), "-ref", code.reference(), "-secret", "pass:" + code.secret(),
                "-recipient", "/CN=E-IMZO CA", "-csr", "csr.pem", "-certout", "cert.pem");

        X509Certificate certificate = pem(dir.resolve("cert.pem"));
        assertThat(certificate.getSubjectX500Principal().getName()).contains("TURSUNOV AKMAL").doesNotContain("Token");
        assertThat(pinflOf(certificate)).isEqualTo(pinfl);
        assertThat(Files.readString(dir.resolve("cert.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    private Path issuingPem(Path dir) throws Exception {
        Path file = dir.resolve("issuing.pem");
        Files.writeString(file, Certificates.pem(ca.authoritiesDirectory().require("demo-issuing").certificate()));
        return file;
    }

    static X509Certificate pem(Path file) throws Exception {
        String text = Files.readString(file);
        int start = text.indexOf("-----BEGIN CERTIFICATE-----");
        int end = text.indexOf("-----END CERTIFICATE-----");
        String body = text.substring(start + "-----BEGIN CERTIFICATE-----".length(), end);
        return Certificates.parse(Base64.getMimeDecoder().decode(body));
    }
}
