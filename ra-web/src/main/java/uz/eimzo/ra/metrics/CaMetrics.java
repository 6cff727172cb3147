package uz.eimzo.ra.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.certificates.CertificateStatus;
import uz.eimzo.ca.crl.CrlFreshness;
import uz.eimzo.ca.issuance.IssuanceObserver;
import uz.eimzo.ca.revocation.StatusChange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The CA node's meters (docs/observability.md): issuance decisions and their latency, status changes, CRL age and
 * time to nextUpdate, and certificates about to expire. Per-CA gauges appear for a new CA at the next reading of the
 * database (at most every refresh period); every tag value is a CA, profile or enum name, never request input.
 */
public final class CaMetrics implements MeterBinder {

    private final CaServices ca;
    private final CrlFreshness crls;
    private final ExpiringCertificates expiring;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private MeterRegistry registry;

    public CaMetrics(CaServices ca, CrlFreshness crls, JdbcClient jdbc, Clock clock, Duration expiringWithin,
                     Duration refresh) {
        this.ca = ca;
        this.crls = crls;
        this.expiring = new ExpiringCertificates(jdbc, clock, expiringWithin, refresh);
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        ca.issuer().onIssuance(this::issuance);
        ca.revocations().onChange(this::statusChange);
        // Always present, so every scrape reads the database (within the refresh period) and new CAs get their gauges.
        Gauge.builder("eimzo.crl.stale", this, CaMetrics::staleCas)
                .description("Active CAs whose newest full or delta CRL has passed its nextUpdate, or that have no CRL")
                .register(registry);
        staleCas();
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

    private double staleCas() {
        List<CrlFreshness.CaCrls> current = crlReadings();
        Instant now = clock.instant();
        for (CrlFreshness.CaCrls crl : current) {
            for (CrlFreshness.Kind kind : CrlFreshness.Kind.values()) {
                if (registered.add(crl.ca() + "/" + kind)) {
                    crlGauges(crl.ca(), kind);
                }
            }
        }
        for (String name : expiring.perCa().keySet()) {
            if (registered.add(name + "/expiring")) {
                Gauge.builder("eimzo.certificates.expiring", expiring, e -> e.perCa().getOrDefault(name, 0L))
                        .description("Good certificates of the CA whose notAfter falls within the expiry window (30 days by default)")
                        .tag("ca", name)
                        .register(registry);
            }
        }
        return current.stream().filter(crl -> crl.full() == null || crl.expired(now)).count();
    }

    private void crlGauges(String name, CrlFreshness.Kind kind) {
        Gauge.builder("eimzo.crl.age", this, seconds(name, kind, (crl, now) -> Duration.between(crl.thisUpdate(), now)))
                .description("Seconds since thisUpdate of the CA's newest CRL of this kind")
                .tags("ca", name, "kind", kind.tag())
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("eimzo.crl.next_update", this, seconds(name, kind, (crl, now) -> Duration.between(now, crl.nextUpdate())))
                .description("Seconds until nextUpdate of the CA's newest CRL of this kind; negative once it has passed")
                .tags("ca", name, "kind", kind.tag())
                .baseUnit("seconds")
                .register(registry);
    }

    private ToDoubleFunction<CaMetrics> seconds(String name, CrlFreshness.Kind kind,
                                                java.util.function.BiFunction<CrlFreshness.Published, Instant, Duration> span) {
        return metrics -> {
            Instant now = clock.instant();
            return metrics.crlReadings().stream().filter(crl -> crl.ca().equals(name))
                    .flatMap(crl -> crl.published().stream()).filter(p -> p.kind() == kind)
                    .mapToDouble(p -> span.apply(p, now).toMillis() / 1000.0)
                    .findFirst().orElse(Double.NaN);
        };
    }

    private List<CrlFreshness.CaCrls> crlReadings() {
        try {
            return crls.current();
        } catch (RuntimeException databaseDown) {
            return crls.lastKnown();
        }
    }
}
