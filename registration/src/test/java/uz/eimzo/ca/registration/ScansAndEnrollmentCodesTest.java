package uz.eimzo.ca.registration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScansAndEnrollmentCodesTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    TestCa ca;
    RegistrationFixture f;
    DocumentScans scans;
    EnrollmentCodes codes;

    @BeforeAll
    void setUp(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
        f = new RegistrationFixture(ca);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        PersonalDataCipher cipher = new PersonalDataCipher(key);
        scans = new DocumentScans(f.jdbc, ca.transactions, ca.services.audit(), f.registrations, cipher);
        codes = new EnrollmentCodes(f.jdbc, ca.transactions, ca.services.audit(), f.registrations, cipher,
                Clock.systemUTC());
    }

    private long request(String district) {
        return f.registrations.register(f.registrarA, RegistrationFixture.individual(district), UUID.randomUUID(), true).id();
    }

    @Test
    void pdfScanIsSealedAtRestAndReadBackIntact() {
        long id = request("301");
        var scan = scans.attach(f.registrarA, id, DocumentScans.Kind.PASSPORT, "application/pdf", PDF);
        byte[] stored = f.jdbc.sql("select content_enc from document_scan where id = ?").param(scan.id()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("%PDF");
        assertThat(scans.read(f.registrarA, id, scan.id()).bytes()).isEqualTo(PDF);
    }

    @Test
    void fileThatIsNotWhatItsTypeSaysIsRefused() {
        long id = request("302");
        byte[] exe = "MZ\u0090\u0000 pretending".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> scans.attach(f.registrarA, id, DocumentScans.Kind.PASSPORT, "application/pdf", exe))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("Only PDF, JPEG and PNG");
        assertThatThrownBy(() -> scans.attach(f.registrarA, id, DocumentScans.Kind.PASSPORT, "image/png", PDF))
                .hasMessageContaining("what its name says");
        assertThat(scans.list(f.registrarA, id)).isEmpty();
    }

    @Test
    void oversizedScanIsRefused() {
        long id = request("303");
        byte[] big = Arrays.copyOf(PDF, DocumentScans.MAX_BYTES + 1);
        assertThatThrownBy(() -> scans.attach(f.registrarA, id, DocumentScans.Kind.OTHER, "application/pdf", big))
                .hasMessageContaining("larger than 5 MB");
    }

    @Test
    void anotherCentreCannotReadTheScans() {
        long id = request("304");
        var scan = scans.attach(f.registrarA, id, DocumentScans.Kind.PASSPORT, "application/pdf", PDF);
        assertThatThrownBy(() -> scans.read(f.registrarB, id, scan.id())).hasMessage("No request " + id);
    }

    @Test
    void enrollmentCodeIsRedeemableExactlyOnce() {
        long id = request("305");
        var code = codes.create(f.registrarA, id, Duration.ofDays(7));
        assertThat(code.reference()).startsWith("REF-");
        var found = codes.find(code.reference()).orElseThrow();
        assertThat(new String(found.secret(), StandardCharsets.UTF_8)).isEqualTo(code.secret());
        assertThat(found.requestId()).isEqualTo(id);
        assertThat(codes.redeem(code.reference())).isTrue();
        assertThat(codes.redeem(code.reference())).isFalse();
        assertThat(codes.find(code.reference())).isEmpty();
    }

    @Test
    void expiredEnrollmentCodeIsNotFound() {
        long id = request("306");
        var code = codes.create(f.registrarA, id, Duration.ofMinutes(1));
        var later = new EnrollmentCodes(f.jdbc, ca.transactions, ca.services.audit(), f.registrations,
                null, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        assertThat(later.find(code.reference())).isEmpty();
        assertThat(later.redeem(code.reference())).isFalse();
    }

    @Test
    void enrollmentCodeSecretIsNotStoredInClear() {
        long id = request("307");
        var code = codes.create(f.registrarA, id, Duration.ofDays(1));
        byte[] stored = f.jdbc.sql("select secret_enc from enrollment_code where reference = ?").param(code.reference())
                .query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(code.secret());
    }
}
