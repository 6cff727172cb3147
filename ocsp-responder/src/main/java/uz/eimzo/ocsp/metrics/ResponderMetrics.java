package uz.eimzo.ocsp.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import uz.eimzo.monitoring.crl.CrlFreshness;
import uz.eimzo.monitoring.crl.CrlMeters;
import uz.eimzo.ocsp.responding.OcspObserver;
import uz.eimzo.ocsp.status.ResponseCache;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The responder's meters (docs/observability.md): OCSP answers by outcome with their latency, response-cache hits and
 * misses (and Caffeine's own {@code cache.*} meters of the response cache), and the age and time to nextUpdate of the CRLs it publishes. Meters for every outcome exist from the start,
 * so rates and ratios are defined before the first request; tag values are fixed names, never request input.
 */
public final class ResponderMetrics implements OcspObserver, MeterBinder {

    private final CrlMeters crlMeters;
    private final ResponseCache cache;
    private final Map<Outcome, Timer> requests = new EnumMap<>(Outcome.class);
    private volatile Counter hits;
    private volatile Counter misses;
    private volatile Counter presigned;

    public ResponderMetrics(CrlFreshness crls, ResponseCache cache, Clock clock) {
        this.crlMeters = new CrlMeters(crls, clock, () -> { });
        this.cache = cache;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
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
        presigned = cacheCounter(registry, "presigned");
        Gauge.builder("eimzo.ocsp.cache.size", cache, ResponseCache::size)
                .description("Signed OCSP responses held in this instance's cache")
                .register(registry);
        cache.bindTo(registry);
        crlMeters.bindTo(registry);
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
    public void presigned() {
        if (presigned != null) {
            presigned.increment();
        }
    }

    @Override
    public void cache(boolean hit) {
        Counter counter = hit ? hits : misses;
        if (counter != null) {
            counter.increment();
        }
    }
}
