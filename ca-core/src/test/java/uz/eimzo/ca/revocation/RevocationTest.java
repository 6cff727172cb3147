package uz.eimzo.ca.revocation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationTest {

    TestCa ca;
    TestDatabase database;

    @BeforeAll
    void createCa(TestDatabase database, @TempDir Path keys) {
        this.database = database;
        ca = TestCa.create(database.dataSource(), keys);
    }

    private IssuedCertificate issue() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE));
    }

    private CertificateRecord stored(IssuedCertificate issued) {
        return ca.services.certificates().find(ca.issuing.id(), issued.serial()).orElseThrow();
    }

    @Test
    void revokedCertificateRecordsTimeReasonAndInvalidityDate() {
        IssuedCertificate issued = issue();
        Instant compromised = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        CertificateRecord revoked = ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(),
                RevocationReason.KEY_COMPROMISE, compromised, "supervisor");
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.revocationReason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(revoked.invalidityDate()).isEqualTo(compromised);
        assertThat(revoked.revokedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, ChronoUnit.SECONDS));
        assertThat(revoked.revision()).isGreaterThan(0);
    }

    @Test
    void revokedCertificateCannotBeRevokedAgain() {
        IssuedCertificate issued = issue();
        ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.SUPERSEDED, null, "supervisor");
        assertThatThrownBy(() -> ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(),
                RevocationReason.KEY_COMPROMISE, null, "supervisor"))
                .isInstanceOf(RevocationException.class).hasMessage("The certificate is already revoked");
        assertThat(stored(issued).revocationReason()).isEqualTo(RevocationReason.SUPERSEDED);
    }

    @Test
    void suspendedCertificateIsOnHoldAndCanBeRestored() {
        IssuedCertificate issued = issue();
        CertificateRecord held = ca.services.revocations().suspend(TestCa.ISSUING, issued.serial(), "supervisor");
        assertThat(held.status()).isEqualTo(CertificateStatus.HOLD);
        assertThat(held.revocationReason()).isEqualTo(RevocationReason.CERTIFICATE_HOLD);
        CertificateRecord restored = ca.services.revocations().restore(TestCa.ISSUING, issued.serial(), "supervisor");
        assertThat(restored.status()).isEqualTo(CertificateStatus.GOOD);
        assertThat(restored.revokedAt()).isNull();
        assertThat(restored.revision()).isGreaterThan(held.revision());
    }

    @Test
    void suspendedCertificateCanBeRevokedForGood() {
        IssuedCertificate issued = issue();
        ca.services.revocations().suspend(TestCa.ISSUING, issued.serial(), "supervisor");
        CertificateRecord revoked = ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(),
                RevocationReason.CESSATION_OF_OPERATION, null, "supervisor");
        assertThat(revoked.status()).isEqualTo(CertificateStatus.REVOKED);
        assertThatThrownBy(() -> ca.services.revocations().restore(TestCa.ISSUING, issued.serial(), "supervisor"))
                .isInstanceOf(RevocationException.class).hasMessageContaining("Only a suspended certificate");
    }

    @Test
    void holdAndRemoveFromCrlAreNotRevocationReasons() {
        IssuedCertificate issued = issue();
        assertThatThrownBy(() -> ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(),
                RevocationReason.CERTIFICATE_HOLD, null, "supervisor")).hasMessageContaining("suspend");
        assertThatThrownBy(() -> ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(),
                RevocationReason.REMOVE_FROM_CRL, null, "supervisor")).hasMessageContaining("restore");
        assertThat(stored(issued).status()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void invalidityDateInTheFutureIsRefused() {
        IssuedCertificate issued = issue();
        assertThatThrownBy(() -> ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(),
                RevocationReason.KEY_COMPROMISE, Instant.now().plus(1, ChronoUnit.DAYS), "supervisor"))
                .hasMessageContaining("future");
        assertThat(stored(issued).status()).isEqualTo(CertificateStatus.GOOD);
    }

    @Test
    void unknownSerialIsRefused() {
        assertThatThrownBy(() -> ca.services.revocations().suspend(TestCa.ISSUING, BigInteger.valueOf(12345), "supervisor"))
                .isInstanceOf(RevocationException.class).hasMessageContaining("No certificate with serial 3039");
    }

    @Test
    void everyStatusChangeIsAudited() {
        IssuedCertificate issued = issue();
        ca.services.revocations().suspend(TestCa.ISSUING, issued.serial(), "supervisor-7");
        String row = ca.jdbc.sql("""
                select actor || ' ' || action || ' ' || outcome || ' ' || target from audit_event order by id desc limit 1""")
                .query(String.class).single();
        assertThat(row).isEqualTo("supervisor-7 certificate.suspend SUCCESS " + TestCa.ISSUING + ":" + issued.serial().toString(16));
    }

    @Test
    void statusChangesAreAnnouncedToListeners() throws Exception {
        IssuedCertificate issued = issue();
        try (Connection listener = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            listener.createStatement().execute("listen " + Revocations.CHANNEL);
            ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.AFFILIATION_CHANGED, null, "supervisor");
            var notifications = listener.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(notifications).isNotNull();
            assertThat(notifications).extracting(n -> n.getParameter())
                    .contains(ca.issuing.id() + ":" + issued.serial().toString(16));
        }
    }
}
