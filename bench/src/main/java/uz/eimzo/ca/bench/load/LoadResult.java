package uz.eimzo.ca.bench.load;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one pass measured: answers judged ok and not, how many under each label (failures prefixed {@code FAILED }),
 * latency from sending a request to the end of its answer over all answers, and the driver's own CPU (its whole JVM,
 * from /proc) per answer.
 */
public record LoadResult(double seconds, long ok, long failed, Map<String, Long> outcomes, double p50Millis,
                         double p99Millis, double maxMillis, double driverCpuMicros) {

    public LoadResult {
        outcomes = Map.copyOf(outcomes);
    }

    /** Answers judged ok, per second. */
    public double rate() {
        return seconds > 0 ? ok / seconds : 0;
    }

    public long count(String label) {
        return outcomes.getOrDefault(label, 0L);
    }

    /** e.g. {@code 27,877/s, p50 1.9 ms, p99 20.5 ms, max 41.0 ms, driver 21 µs/answer}. */
    public String brief() {
        return String.format(Locale.ROOT, "%,.0f/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, driver %,.0f µs/answer",
                rate(), p50Millis, p99Millis, maxMillis, driverCpuMicros);
    }

    /** Each label with its count, e.g. {@code good 90,012, revoked 9,988}. */
    public String outcomesText() {
        return outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
