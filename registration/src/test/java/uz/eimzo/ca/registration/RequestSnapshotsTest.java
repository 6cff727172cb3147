package uz.eimzo.ca.registration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.TestCsrs;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request's identity snapshot: fixed at each stage, insert-only, and checked again right before it is signed. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestSnapshotsTest {

    TestCa ca;
    RegistrationFixture f;
    DocumentScans scans;

    @BeforeAll
    void setUp(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
        f = new RegistrationFixture(ca);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        scans = new DocumentScans(f.jdbc, ca.transactions, ca.services.audit(), f.registrations,
                new PersonalDataCipher(key));
    }

    private static ApplicantForm representedCompany(String district, String stir) {
        ApplicantForm c = RegistrationFixture.legalEntity(district, stir);
        return new ApplicantForm(c.type(), c.surname(), c.givenName(), c.patronymic(), c.birthDate(), c.sex(), c.pinfl(),
                c.documentType(), c.documentNumber(), c.personalStir(), "Toshkent \\ shahri", c.district(), c.phone(),
                c.email(), c.organisationStir(), c.organisationName(), c.legalForm(), c.position(), true,
                "No 12\\3, 2026-01-05");
    }

    private long approvedCompany(String district, String stir) {
        long id = f.registrations.register(f.registrarA, representedCompany(district, stir), UUID.randomUUID(), true).id();
        f.registrations.approve(f.supervisorA, id);
        return id;
    }

    private int certificatesOf(long requestId) {
        return f.jdbc.sql("select count(*) from certificate where request_id = ?").param(requestId).query(Integer.class).single();
    }

    private static byte[] csr() {
        return TestCsrs.csr(TestCsrs.ec("secp256r1"), "SHA256withECDSA");
    }

    @Test
    void everyStageIsFixedWithTheSameIdentity() {
        long id = approvedCompany("301", "301234567");

        var stages = f.jdbc.sql("select stage from request_snapshot where request_id = ? order by stage").param(id)
                .query(String.class).list();
        long identities = f.jdbc.sql("select count(distinct identity_sha256) from request_snapshot where request_id = ?")
                .param(id).query(Long.class).single();
        assertThat(stages).containsExactlyInAnyOrder("REGISTERED", "SUBMITTED", "APPROVED");
        assertThat(identities).isEqualTo(1);
    }

    @Test
    void javaHashesAreTheOnesTheMigrationComputesInSql() {
        long id = approvedCompany("302", "302234567");
        scans.attach(f.registrarA, id, DocumentScans.Kind.POWER_OF_ATTORNEY, "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes());
        f.registrations.issue(f.registrarA, id, KeyOption.CSR, csr());

        var agree = f.jdbc.sql("""
                select bool_and(identity_sha256 = sha256(convert_to(request_snapshot_identity(s), 'UTF8'))
                   and sha256 = sha256(convert_to(request_snapshot_identity(s) || snapshot_field('scans', s.scans), 'UTF8')))
                from request_snapshot s where request_id = ?""").param(id).query(Boolean.class).single();
        assertThat(agree).isTrue();
    }

    @Test
    void fixedSnapshotCannotBeUpdated() {
        long id = approvedCompany("303", "303234567");

        assertThatThrownBy(() -> f.jdbc.sql("update request_snapshot set organisation_name = 'Soxta Holding' where request_id = ?")
                .param(id).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("fixed once written");
    }

    @Test
    void applicationRoleMayOnlyAppendSnapshots() {
        var rights = f.jdbc.sql("""
                select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) p
                where has_table_privilege('eimzo_app', 'request_snapshot', p)""").query(String.class).list();
        assertThat(rights).containsExactlyInAnyOrder("SELECT", "INSERT");
    }

    @Test
    void approvedSnapshotAlteredBehindTheTriggerIsNotSigned() {
        long id = approvedCompany("304", "304234567");
        f.jdbc.sql("alter table request_snapshot disable trigger request_snapshot_no_update").update();
        try {
            f.jdbc.sql("update request_snapshot set organisation_name = 'Soxta Holding' where request_id = ? and stage = 'APPROVED'")
                    .param(id).update();
        } finally {
            f.jdbc.sql("alter table request_snapshot enable trigger request_snapshot_no_update").update();
        }

        assertThatThrownBy(() -> f.registrations.issue(f.registrarA, id, KeyOption.CSR, csr()))
                .isInstanceOfSatisfying(RegistrationException.class, e -> assertThat(e.code()).isEqualTo("request.snapshotChanged"));
        assertThat(certificatesOf(id)).isZero();
        assertThat(f.registrations.find(f.registrarA, id).status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void documentSeenAtApprovalAndAlteredSinceStopsIssuance() {
        long id = f.registrations.register(f.registrarA, representedCompany("305", "305234567"), UUID.randomUUID(), true).id();
        scans.attach(f.registrarA, id, DocumentScans.Kind.POWER_OF_ATTORNEY, "application/pdf", "%PDF-1.4\n%%EOF\n".getBytes());
        f.registrations.approve(f.supervisorA, id);
        f.jdbc.sql("update document_scan set sha256 = sha256(sha256) where request_id = ?").param(id).update();

        assertThatThrownBy(() -> f.registrations.issue(f.registrarA, id, KeyOption.CSR, csr()))
                .isInstanceOfSatisfying(RegistrationException.class, e -> assertThat(e.code()).isEqualTo("request.snapshotChanged"));
        assertThat(certificatesOf(id)).isZero();
    }

    @Test
    void draftKeepsTheIdentityTypedForItWhenThePersonChangesBeforeItIsSubmitted() {
        ApplicantForm first = RegistrationFixture.individual("306");
        long draft = f.registrations.register(f.registrarA, first, UUID.randomUUID(), false).id();
        ApplicantForm renamed = new ApplicantForm(first.type(), "Soxta", first.givenName(), first.patronymic(),
                first.birthDate(), first.sex(), first.pinfl(), first.documentType(), "AB7654321", first.personalStir(),
                first.region(), first.district(), first.phone(), first.email(), null, null, null, null, false, null);
        long later = f.registrations.register(f.registrarB, renamed, UUID.randomUUID(), true, true).id();

        f.registrations.submit(f.registrarA, draft);

        IssuanceOutcome outcome = f.registrations.issue(f.registrarA, draft, KeyOption.CSR, csr());
        assertThat(outcome.certificate().certificate().getSubjectX500Principal().getName()).contains("CN=TOSHMATOV ALISHER");
        assertThat(f.registrations.find(f.registrarA, draft).documentMasked()).isEqualTo("AA*****67");
        assertThat(f.registrations.documentNumber(f.registrarA, draft)).isEqualTo("AA1234567");
        assertThat(f.registrations.find(f.registrarB, later).applicantName()).startsWith("Soxta");
        var versions = f.jdbc.sql("select applicant_version from request_snapshot where stage = 'REGISTERED' and request_id in (?, ?) order by request_id")
                .params(draft, later).query(Integer.class).list();
        assertThat(versions).containsExactly(1, 2);
        String audit = f.jdbc.sql("select details::text from audit_event where action = 'applicant.version' order by id desc limit 1")
                .query(String.class).single();
        assertThat(audit).contains("\"surname.before\": \"Toshmatov\"", "\"surname.after\": \"Soxta\"",
                "\"documentNumber.before\": \"AA*****67\"", "\"documentNumber.after\": \"AB*****21\"",
                "\"centre\": \"" + f.centreB + "\"", "\"previousCentre\": \"" + f.centreA + "\"")
                .doesNotContain("AA1234567", "AB7654321");
    }
}
