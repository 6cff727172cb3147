package uz.eimzo.tsa.stamping;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import uz.eimzo.tsa.encoding.Refusal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Timer {@code eimzo.tsa.requests} by outcome, shared by every listener that answers {@code POST /tsa}. */
public final class StampTimers {

    private final Timer granted;
    private final Map<Refusal, Timer> refused = new EnumMap<>(Refusal.class);

    public StampTimers(MeterRegistry registry) {
        // Every series exists from startup, so a rate of refusals is 0 rather than absent.
        this.granted = timer(registry, "granted");
        for (Refusal refusal : Refusal.values()) {
            refused.put(refusal, timer(registry, refusal.name()));
        }
    }

    private static Timer timer(MeterRegistry registry, String outcome) {
        return Timer.builder("eimzo.tsa.requests").description("Time-stamp requests, from the body to the encoded reply")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    /** Counts a reply by its outcome, timed from {@code startNanos} ({@link System#nanoTime()}). */
    public void record(TimeStamper.Reply reply, long startNanos) {
        (reply.refusal() == null ? granted : refused.get(reply.refusal()))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
