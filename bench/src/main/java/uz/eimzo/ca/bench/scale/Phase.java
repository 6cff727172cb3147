package uz.eimzo.ca.bench.scale;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one phase of the load (warm-up, before the kill, after the kill). */
final class Phase {
    final LongAdder issued = new LongAdder();
    final LongAdder issueErrors = new LongAdder();
    final LongAdder ocspGood = new LongAdder();
    final LongAdder ocspWrong = new LongAdder();
    final LongAdder ocspTryLater = new LongAdder();
    final LongAdder ocspOther = new LongAdder();
    final Queue<Long> issueMicros = new ConcurrentLinkedQueue<>();
    final Queue<Long> ocspMicros = new ConcurrentLinkedQueue<>();
    long startNanos;
    long endNanos;
    /** CPU ticks at the start and end of the phase: the whole machine (busy, total), and per process. */
    long[] machineStart;
    long[] machineEnd;
    Map<String, Long> cpuStart = Map.of();
    Map<String, Long> cpuEnd = Map.of();
    Map<Long, Long> postgresStart = Map.of();
    /** WAL position and audit rows at the start and end: what one certificate costs the database. */
    long walStart;
    long walEnd;
    long auditStart;
    long auditEnd;

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** "p50 / p99" in milliseconds of latencies kept in microseconds, or "-" when there are none. */
    static String percentiles(Queue<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        if (sorted.isEmpty()) {
            return "-";
        }
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%.1f / %.1f", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1000.0);
    }
}
