package uz.eimzo.ra.metrics;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuanceException;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.issuance.ServiceProfile;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.Prometheus;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.support.ObservedRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Period;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The CA node's Prometheus scrape: what a dashboard and the alert rules of docs/observability.md read. */
class CaMetricsTest extends ObservedRaTestBase {

    private static final String ISSUING = "demo-issuing";

    private IssuedCertificate issue(KeyPair key) {
        Subject subject = new Subject("Toshmatov", "Alisher", null, new Pinfl(Operators.pinfl()), null, "Toshkent shahri",
                "Yunusobod tumani", null, null);
        return ca.issuer().issue(new EndEntityRequest(ISSUING, "individual", subject, key.getPublic(), "registrar", RegistrationIds.NONE));
    }

    @Test
    void issuedAndRefusedCertificatesAreTimedByProfileAndOutcome() throws Exception {
        Map<String, String> issued = Map.of("profile", "individual", "outcome", "issued");
        Map<String, String> refused = Map.of("profile", "individual", "outcome", "refused");
        Prometheus before = scrape();

        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        issue(key);
        // The same key again: the CA refuses to certify a key that already backs a live certificate.
        assertThatThrownBy(() -> issue(key)).isInstanceOf(IssuanceException.class);

        Prometheus after = scrape();
        assertThat(after.value("eimzo_issuance_seconds_count", issued) - before.value("eimzo_issuance_seconds_count", issued))
                .isEqualTo(1.0);
        assertThat(after.value("eimzo_issuance_seconds_count", refused) - before.value("eimzo_issuance_seconds_count", refused))
                .isEqualTo(1.0);
        assertThat(after.value("eimzo_issuance_seconds_sum", issued)).isGreaterThan(before.value("eimzo_issuance_seconds_sum", issued));
        assertThat(after.find("eimzo_issuance_seconds_bucket", issued)).as("latency histogram for SLOs").isNotEmpty();
    }

    @Test
    void revocationsAreCountedByCaChangeAndReason() throws Exception {
        IssuedCertificate certificate = issue(KeyAlgorithm.EC_P256.generate(new SecureRandom()));
        Map<String, String> revoked = Map.of("ca", ISSUING, "change", "revoke", "reason", "key_compromise");
        Map<String, String> suspended = Map.of("ca", ISSUING, "change", "suspend", "reason", "certificate_hold");
        Map<String, String> restored = Map.of("ca", ISSUING, "change", "restore", "reason", "none");
        Prometheus before = scrape();

        var serial = certificate.certificate().getSerialNumber();
        ca.revocations().suspend(ISSUING, serial, "supervisor");
        ca.revocations().restore(ISSUING, serial, "supervisor");
        ca.revocations().revoke(ISSUING, serial, RevocationReason.KEY_COMPROMISE, null, "supervisor");

        Prometheus after = scrape();
        for (Map<String, String> change : List.of(revoked, suspended, restored)) {
            assertThat(after.value("eimzo_revocations_total", change) - before.value("eimzo_revocations_total", change))
                    .as(change.toString()).isEqualTo(1.0);
        }
    }

    @Test
    void crlAgeAndTimeToNextUpdateAreReportedPerCaAndKind() throws Exception {
        var crls = new uz.eimzo.monitoring.crl.CrlFreshness(jdbc);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (crls.current().stream().anyMatch(c -> c.full() == null) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        var issuing = crls.current().stream().filter(c -> c.ca().equals(ISSUING)).findFirst().orElseThrow();
        java.time.Instant now = java.time.Instant.now();

        Prometheus metrics = scrape();
        Map<String, String> full = Map.of("ca", ISSUING, "kind", "full");
        double expectedAge = java.time.Duration.between(issuing.full().thisUpdate(), now).toSeconds();
        double expectedNext = java.time.Duration.between(now, issuing.full().nextUpdate()).toSeconds();
        assertThat(metrics.value("eimzo_crl_age_seconds", full)).isCloseTo(expectedAge, within(30.0));
        assertThat(metrics.value("eimzo_crl_next_update_seconds", full)).isCloseTo(expectedNext, within(30.0))
                .isPositive();
        assertThat(metrics.value("eimzo_crl_stale", Map.of())).isZero();
    }

    @Test
    void certificatesEndingWithinThirtyDaysAreCountedPerCa() throws Exception {
        Map<String, String> issuing = Map.of("ca", ISSUING);
        double before = scrape().value("eimzo_certificates_expiring", issuing);

        // A one-year certificate is not about to expire; a ten-day one is.
        issue(KeyAlgorithm.EC_P256.generate(new SecureRandom()));
        ca.issuer().issueService(ISSUING, ServiceProfile.TLS_SERVER, List.of(new DnAttribute(DnAttribute.CN, "short.example.uz")),
                List.of("short.example.uz"), KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), Period.ofDays(10),
                "test");

        assertThat(scrape().value("eimzo_certificates_expiring", issuing) - before).isEqualTo(1.0);
    }
}
