package uz.eimzo.ocsp.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import uz.eimzo.ca.crl.CrlFreshness;
import uz.eimzo.ocsp.responding.OcspObserver;
import uz.eimzo.ocsp.status.ResponseCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * The responder's meters (docs/observability.md): OCSP answers by outcome with their latency, response-cache hits and
 * misses, and the age and time to nextUpdate of the CRLs it publishes. Meters for every outcome exist from the start,
 * so rates and ratios are defined before the first request; tag values are fixed names, never request input.
 */
public final class ResponderMetrics implements OcspObserver, MeterBinder {

    private final CrlFreshness crls;
    private final ResponseCache cache;
    private final Clock clock;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final Map<Outcome, Timer> requests = new EnumMap<>(Outcome.class);
    private volatile Counter hits;
    private volatile Counter misses;
    private MeterRegistry registry;

    public ResponderMetrics(CrlFreshness crls, ResponseCache cache, Clock clock) {
        this.crls = crls;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            requests.put(outcome, Timer.builder("eimzo.ocsp.requests")
                    .description("OCSP requests answered, by certificate status or OCSP error status")
                    .tag("status", outcome.tag())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(5))
                    .register(registry));
        }
        hits = cacheCounter(registry, "hit");
        misses = cacheCounter(registry, "miss");
        Gauge.builder("eimzo.ocsp.cache.size", cache, ResponseCache::size)
                .description("Signed OCSP responses held in this instance's cache")
                .register(registry);
        Gauge.builder("eimzo.crl.stale", this, ResponderMetrics::staleCas)
                .description("Active CAs whose newest full or delta CRL has passed its nextUpdate, or that have no CRL")
                .register(registry);
        staleCas();
    }

    private static Counter cacheCounter(MeterRegistry registry, String result) {
        return Counter.builder("eimzo.ocsp.cache")
                .description("Look-ups of cacheable OCSP requests (no nonce, one certificate) in the response cache")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void answered(Outcome outcome, Duration took) {
        Timer timer = requests.get(outcome);
        if (timer != null) {
            timer.record(took);
        }
    }

    @Override
    public void cache(boolean hit) {
        Counter counter = hit ? hits : misses;
        if (counter != null) {
            counter.increment();
        }
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
        return current.stream().filter(crl -> crl.full() == null || crl.expired(now)).count();
    }

    private void gauges(String name, CrlFreshness.Kind kind) {
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

    private ToDoubleFunction<ResponderMetrics> seconds(String name, CrlFreshness.Kind kind,
                                                       BiFunction<CrlFreshness.Published, Instant, Duration> span) {
        return metrics -> {
            Instant now = clock.instant();
            return metrics.readings().stream().filter(crl -> crl.ca().equals(name))
                    .flatMap(crl -> crl.published().stream()).filter(p -> p.kind() == kind)
                    .mapToDouble(p -> span.apply(p, now).toMillis() / 1000.0)
                    .findFirst().orElse(Double.NaN);
        };
    }

    private List<CrlFreshness.CaCrls> readings() {
        try {
            return crls.current();
        } catch (RuntimeException databaseDown) {
            return crls.lastKnown();
        }
    }
}
