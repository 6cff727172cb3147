package uz.eimzo.ca.registration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.TestCsrs;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationsTest {

    TestCa ca;
    RegistrationFixture f;

    @BeforeAll
    void setUp(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
        f = new RegistrationFixture(ca);
    }

    private int count(String table) {
        return f.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private byte[] csr() {
        return TestCsrs.csr(TestCsrs.ec("secp256r1"), "SHA256withECDSA");
    }

    @Test
    void submittedIndividualIsIssuedByTheRegistrarWhenTheCentreNeedsNoApproval() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("201"), UUID.randomUUID(), true);
        assertThat(request.status()).isEqualTo(RequestStatus.SUBMITTED);
        IssuanceOutcome outcome = f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, csr());
        assertThat(outcome.certificate().certificate().getSubjectX500Principal().getName()).contains("TOSHMATOV ALISHER KARIMOVICH");
        RequestView issued = f.registrations.find(f.registrarA, request.id());
        assertThat(issued.status()).isEqualTo(RequestStatus.ISSUED);
        assertThat(issued.issuedSerial()).isEqualTo(outcome.certificate().serial());
    }

    private int certificatesOf(long requestId) {
        return f.jdbc.sql("select count(*) from certificate where request_id = ?").param(requestId).query(Integer.class).single();
    }

    @Test
    void requestBeingIssuedElsewhereIsNotIssuedASecondTime() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("221"), UUID.randomUUID(), true);
        f.jdbc.sql("update certificate_request set issuing_since = now() where id = ?").param(request.id()).update();

        assertThatThrownBy(() -> f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, csr()))
                .isInstanceOfSatisfying(RegistrationException.class, e -> assertThat(e.code()).isEqualTo("request.busy"));
        assertThat(certificatesOf(request.id())).isZero();
    }

    @Test
    void claimLeftByADeadNodeIsTakenOverAfterItExpires() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("222"), UUID.randomUUID(), true);
        f.jdbc.sql("update certificate_request set issuing_since = now() - interval '10 minutes' where id = ?").param(request.id()).update();

        f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, csr());

        assertThat(certificatesOf(request.id())).isEqualTo(1);
        assertThat(f.registrations.find(f.registrarA, request.id()).status()).isEqualTo(RequestStatus.ISSUED);
    }

    @Test
    void refusedIssuanceReleasesItsClaim() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("223"), UUID.randomUUID(), true);
        assertThatThrownBy(() -> f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, "not a CSR".getBytes()));

        f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, csr());

        assertThat(certificatesOf(request.id())).isEqualTo(1);
    }

    @Test
    void twoOperatorsIssuingOneRequestAtOnceGetOneCertificate() throws Exception {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("224"), UUID.randomUUID(), true);
        byte[] first = csr();
        byte[] second = csr();
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var a = pool.submit(() -> { start.await(); return f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, first); });
            var b = pool.submit(() -> { start.await(); return f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, second); });
            start.countDown();
            int succeeded = 0;
            for (var outcome : java.util.List.of(a, b)) {
                try {
                    outcome.get();
                    succeeded++;
                } catch (java.util.concurrent.ExecutionException refused) {
                    assertThat(refused.getCause()).isInstanceOf(RegistrationException.class);
                }
            }
            assertThat(succeeded).isEqualTo(1);
        }
        assertThat(certificatesOf(request.id())).isEqualTo(1);
    }

    @Test
    void requestBeingIssuedCannotBeRejectedUnderIt() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("225"), UUID.randomUUID(), true);
        f.jdbc.sql("update certificate_request set issuing_since = now() where id = ?").param(request.id()).update();

        assertThatThrownBy(() -> f.registrations.reject(f.supervisorA, request.id(), "documents do not match"))
                .isInstanceOfSatisfying(RegistrationException.class, e -> assertThat(e.code()).isEqualTo("request.busy"));
        assertThat(f.registrations.find(f.registrarA, request.id()).status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void legalEntityRequestNeedsASupervisorBeforeIssuance() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.legalEntity("202", "301111111"),
                UUID.randomUUID(), true);
        assertThatThrownBy(() -> f.registrations.issue(f.registrarA, request.id(), KeyOption.CSR, csr()))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("needs a supervisor's approval");
        f.registrations.approve(f.supervisorA, request.id());
        IssuanceOutcome outcome = f.registrations.issue(f.registrarA, request.id(), KeyOption.SERVER_KEY, null);
        assertThat(outcome.keyBundle().fileName()).startsWith("DS301111111");
        assertThat(f.registrations.find(f.supervisorA, request.id()).approver()).isEqualTo("supervisor.a");
    }

    @Test
    void registrarCannotApproveTheirOwnRequest() {
        RequestView request = f.registrations.register(f.registrarSupervisorA,
                RegistrationFixture.legalEntity("203", "302222222"), UUID.randomUUID(), true);
        assertThatThrownBy(() -> f.registrations.approve(f.registrarSupervisorA, request.id()))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("someone other than its registrar");
        assertThat(f.registrations.find(f.registrarSupervisorA, request.id()).status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void centreCanRequireApprovalForIndividualsToo() {
        RequestView request = f.registrations.register(f.registrarB, RegistrationFixture.individual("204"), UUID.randomUUID(), true);
        assertThatThrownBy(() -> f.registrations.issue(f.registrarB, request.id(), KeyOption.CSR, csr()))
                .hasMessageContaining("approval");
    }

    @Test
    void operatorsSeeOnlyTheirCentresRequests() {
        RequestView request = f.registrations.register(f.registrarB, RegistrationFixture.individual("205"), UUID.randomUUID(), true);
        assertThatThrownBy(() -> f.registrations.find(f.registrarA, request.id()))
                .isInstanceOf(RegistrationException.class).hasMessage("No request " + request.id());
        assertThat(f.registrations.list(f.registrarA, Optional.empty(), 100)).extracting(RequestView::id).doesNotContain(request.id());
        assertThat(f.registrations.list(f.admin, Optional.empty(), 100)).extracting(RequestView::id).contains(request.id());
    }

    @Test
    void returningApplicantIsFoundByPinflNotDuplicated() {
        int before = count("applicant");
        f.registrations.register(f.registrarA, RegistrationFixture.individual("206"), UUID.randomUUID(), true);
        f.registrations.register(f.registrarA, RegistrationFixture.individual("206"), UUID.randomUUID(), false);
        assertThat(count("applicant")).isEqualTo(before + 1);
    }

    @Test
    void replayedFormCreatesNothing() {
        UUID token = UUID.randomUUID();
        f.registrations.register(f.registrarA, RegistrationFixture.individual("207"), token, true);
        int before = count("certificate_request");
        assertThatThrownBy(() -> f.registrations.register(f.registrarA, RegistrationFixture.individual("207"), token, true))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("already submitted");
        assertThat(count("certificate_request")).isEqualTo(before);
    }

    @Test
    void auditorCannotRegister() {
        assertThatThrownBy(() -> f.registrations.register(f.auditorA, RegistrationFixture.individual("208"), UUID.randomUUID(), true))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("REGISTRAR");
    }

    @Test
    void rejectionNeedsAReasonAndEndsTheRequest() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.legalEntity("209", "303333333"),
                UUID.randomUUID(), true);
        assertThatThrownBy(() -> f.registrations.reject(f.supervisorA, request.id(), " ")).hasMessageContaining("reason");
        RequestView rejected = f.registrations.reject(f.supervisorA, request.id(), "Ishonchnoma muddati o'tgan");
        assertThat(rejected.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("Ishonchnoma muddati o'tgan");
        assertThatThrownBy(() -> f.registrations.issue(f.registrarA, request.id(), KeyOption.SERVER_KEY, null))
                .hasMessageContaining("REJECTED");
    }

    @Test
    void draftMustBeSubmittedBeforeApproval() {
        RequestView draft = f.registrations.register(f.registrarA, RegistrationFixture.legalEntity("210", "304444444"),
                UUID.randomUUID(), false);
        assertThat(draft.status()).isEqualTo(RequestStatus.DRAFT);
        assertThatThrownBy(() -> f.registrations.approve(f.supervisorA, draft.id())).hasMessageContaining("DRAFT");
        assertThat(f.registrations.submit(f.registrarA, draft.id()).status()).isEqualTo(RequestStatus.SUBMITTED);
    }

    @Test
    void passportNumberIsEncryptedAtRestAndShownMasked() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.individual("211"), UUID.randomUUID(), true);
        assertThat(request.documentMasked()).isEqualTo("AA*****67");
        byte[] stored = f.jdbc.sql("select document_number_enc from applicant where pinfl = ?").param(request.pinfl())
                .query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("AA1234567");
        assertThat(f.registrations.documentNumber(f.registrarA, request.id())).isEqualTo("AA1234567");
    }

    @Test
    void badFormListsEveryWrongFieldAndWritesNothing() {
        int before = count("certificate_request");
        var good = RegistrationFixture.legalEntity("212", "305555555");
        String wrongCheckDigit = good.pinfl().substring(0, 13) + ((good.pinfl().charAt(13) - '0' + 1) % 10);
        var bad = new ApplicantForm(good.type(), good.surname(), good.givenName(), null, good.birthDate(), "F",
                wrongCheckDigit, IdentityDocument.Type.PASSPORT, "A1234567", null, null, null, "90 123", "not-an-email",
                "12345", "", "", "", true, null);
        assertThatThrownBy(() -> f.registrations.register(f.registrarA, bad, UUID.randomUUID(), true))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::code)
                        .containsExactlyInAnyOrder("pinfl.checkDigit", "document.format", "phone.format", "email.format",
                                "stir.format", "organisationName.required", "legalForm.required", "position.required",
                                "powerOfAttorney.required"));
        assertThat(count("certificate_request")).isEqualTo(before);
    }

    @Test
    void birthDateThatContradictsThePinflIsRefused() {
        var good = RegistrationFixture.individual("213");
        var bad = new ApplicantForm(good.type(), good.surname(), good.givenName(), null, LocalDate.of(1990, 3, 16), "M",
                good.pinfl(), good.documentType(), good.documentNumber(), null, null, null, good.phone(), null,
                null, null, null, null, false, null);
        assertThatThrownBy(() -> f.registrations.register(f.registrarA, bad, UUID.randomUUID(), true))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::code).containsExactly("pinfl.birthDate"));
    }

    @Test
    void minorsAreRefused() {
        String first13 = "5150315201045";
        var minor = new ApplicantForm(uz.eimzo.ca.profile.ApplicantType.INDIVIDUAL, "Toshmatov", "Bobur", null,
                LocalDate.of(2015, 3, 15), "M", first13 + uz.eimzo.ca.identity.Pinfl.checkDigit(first13),
                IdentityDocument.Type.ID_CARD, "AE1234567", null, null, null, "+998901234567", null,
                null, null, null, null, false, null);
        assertThatThrownBy(() -> f.registrations.register(f.registrarA, minor, UUID.randomUUID(), true))
                .isInstanceOfSatisfying(InvalidApplicationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::code).containsExactly("birthDate.minor"));
    }

    @Test
    void everyStepIsAuditedWithTheOperatorsName() {
        RequestView request = f.registrations.register(f.registrarA, RegistrationFixture.legalEntity("214", "306666666"),
                UUID.randomUUID(), true);
        f.registrations.approve(f.supervisorA, request.id());
        var rows = f.jdbc.sql("select actor || ' ' || action from audit_event where target = ? order by id")
                .param("request:" + request.id()).query(String.class).list();
        assertThat(rows).containsExactly("registrar.a request.register", "supervisor.a request.approve");
        String details = f.jdbc.sql("select details::text from audit_event where target = ? order by id limit 1")
                .param("request:" + request.id()).query(String.class).single();
        assertThat(details).doesNotContain(request.pinfl()).doesNotContain("AD7654321");
    }
}
