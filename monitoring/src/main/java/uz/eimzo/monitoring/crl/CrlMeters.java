package uz.eimzo.monitoring.crl;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * CRL meters both applications publish (docs/observability.md): {@code eimzo.crl.stale}, and per CA and kind
 * {@code eimzo.crl.age} and {@code eimzo.crl.next_update}. The stale gauge is always present, so every scrape reads
 * the CRLs (within {@link CrlFreshness}'s refresh period) and a new CA gets its gauges at the next scrape.
 */
public final class CrlMeters implements MeterBinder {

    private final CrlFreshness crls;
    private final Clock clock;
    private final Runnable onScrape;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private MeterRegistry registry;

    /** @param onScrape run at each scrape too, for an application's own per-CA meters */
    public CrlMeters(CrlFreshness crls, Clock clock, Runnable onScrape) {
        this.crls = crls;
        this.clock = clock;
        this.onScrape = onScrape;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("eimzo.crl.stale", this, CrlMeters::staleCas)
                .description("Active CAs whose newest full or delta CRL has passed its nextUpdate, or that have no CRL")
                .register(registry);
        staleCas();
    }

    private double staleCas() {
        List<CrlFreshness.CaCrls> current = readings();
        Instant now = clock.instant();
        for (CrlFreshness.CaCrls crl : current) {
            for (CrlFreshness.Kind kind : CrlFreshness.Kind.values()) {
                if (registered.add(crl.ca() + "/" + kind)) {
                    gauges(crl.ca(), kind);
                }
            }
        }
        onScrape.run();
        return current.stream().filter(crl -> crl.full() == null || crl.expired(now)).count();
    }

    private void gauges(String name, CrlFreshness.Kind kind) {
        Gauge.builder("eimzo.crl.age", seconds(name, kind, (crl, now) -> Duration.between(crl.thisUpdate(), now)))
                .description("Seconds since thisUpdate of the CA's newest CRL of this kind")
                .tags("ca", name, "kind", kind.tag())
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("eimzo.crl.next_update", seconds(name, kind, (crl, now) -> Duration.between(now, crl.nextUpdate())))
                .description("Seconds until nextUpdate of the CA's newest CRL of this kind; negative once it has passed")
                .tags("ca", name, "kind", kind.tag())
                .baseUnit("seconds")
                .register(registry);
    }

    private Supplier<Number> seconds(String name, CrlFreshness.Kind kind,
                                     BiFunction<CrlFreshness.Published, Instant, Duration> span) {
        return () -> {
            Instant now = clock.instant();
            return readings().stream().filter(crl -> crl.ca().equals(name))
                    .flatMap(crl -> crl.published().stream()).filter(p -> p.kind() == kind)
                    .map(p -> (Number) (span.apply(p, now).toNanos() / 1e9))
                    .findFirst().orElse(Double.NaN);
        };
    }

    /** The database's answer, or the last one read while it is unreachable. */
    private List<CrlFreshness.CaCrls> readings() {
        try {
            return crls.current();
        } catch (RuntimeException databaseDown) {
            return crls.lastKnown();
        }
    }
}
