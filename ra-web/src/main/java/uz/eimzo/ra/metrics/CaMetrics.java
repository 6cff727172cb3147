package uz.eimzo.ra.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.monitoring.crl.CrlFreshness;
import uz.eimzo.ca.issuance.IssuanceObserver;
import uz.eimzo.ca.revocation.StatusChange;
import uz.eimzo.monitoring.crl.CrlMeters;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CA node's meters (docs/observability.md): issuance decisions and their latency, status changes, CRL age and
 * time to nextUpdate, and certificates about to expire. Per-CA gauges appear for a new CA at the next reading of the
 * database (at most every refresh period); every tag value is a CA, profile or enum name, never request input.
 */
public final class CaMetrics implements MeterBinder {

    private final CaServices ca;
    private final CrlMeters crlMeters;
    private final ExpiringCertificates expiring;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private MeterRegistry registry;

    public CaMetrics(CaServices ca, CrlFreshness crls, Clock clock, Duration expiringWithin,
                     Duration refresh) {
        this.ca = ca;
        this.expiring = new ExpiringCertificates(ca.certificates(), clock, expiringWithin, refresh);
        this.crlMeters = new CrlMeters(crls, clock, this::expiringGauges);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        ca.issuer().onIssuance(this::issuance);
        ca.revocations().onChange(this::statusChange);
        crlMeters.bindTo(registry);
    }

    private void issuance(String profile, IssuanceObserver.Outcome outcome, Duration took) {
        Timer.builder("eimzo.issuance")
                .description("Certificate issuance decisions from opening the CA key to the stored certificate or the refusal")
                .tag("profile", profile)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(took);
    }

    private void statusChange(StatusChange change) {
        String kind = change.to() == CertificateStatus.GOOD ? "restore"
                : change.to() == CertificateStatus.HOLD ? "suspend" : "revoke";
        Counter.builder("eimzo.revocations")
                .description("Committed certificate status changes: revocations, suspensions and restores")
                .tag("ca", change.caName())
                .tag("change", kind)
                .tag("reason", change.reason() == null ? "none" : change.reason().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Per-CA expiry gauges, registered when a CA first appears in the readings. */
    private void expiringGauges() {
        for (String name : expiring.perCa().keySet()) {
            if (registered.add(name)) {
                Gauge.builder("eimzo.certificates.expiring", expiring, e -> e.perCa().getOrDefault(name, 0L))
                        .description("Good certificates of the CA whose notAfter falls within the expiry window (30 days by default)")
                        .tag("ca", name)
                        .register(registry);
            }
        }
    }
}
