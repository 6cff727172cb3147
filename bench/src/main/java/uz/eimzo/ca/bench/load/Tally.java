package uz.eimzo.ca.bench.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The answers of one pass as they come (of one thread, for the threaded driver; merged afterwards): each judged and
 * counted under its label, each latency kept.
 */
final class Tally {

    /** One answer in this many is checked in full (the workload parses it); the others by their key bytes. */
    static final int SAMPLE_EVERY = 64;

    private final Map<String, Long> outcomes = new HashMap<>();
    private long ok;
    private long failed;
    private long judged;
    private long[] latencies = new long[1 << 14];
    private int count;

    /** Checks status and content type, then lets the workload judge the body; counts the answer and its latency. */
    <R extends Workload.Request> void answer(Workload<R> workload, R request, ReplyHead head, byte[] body, long nanos) {
        Workload.Verdict verdict;
        if (head.status() != 200) {
            verdict = Workload.Verdict.failed("HTTP " + head.status());
        } else if (!head.contentTypeIs(workload.contentType())) {
            verdict = Workload.Verdict.failed("content type '" + head.contentType() + "'");
        } else {
            try {
                verdict = workload.judge(request, body, judged++ % SAMPLE_EVERY == 0);
            } catch (RuntimeException e) {
                verdict = Workload.Verdict.failed("unreadable: " + e.getClass().getSimpleName());
            }
        }
        count(verdict);
        if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = nanos;
    }

    /** A request that got no answer: the connection failed or was closed before it. */
    void noAnswer(String reason) {
        count(Workload.Verdict.failed(reason));
    }

    private void count(Workload.Verdict verdict) {
        if (verdict.ok()) {
            ok++;
        } else {
            failed++;
        }
        outcomes.merge(verdict.ok() ? verdict.label() : "FAILED " + verdict.label(), 1L, Long::sum);
    }

    void merge(Tally other) {
        ok += other.ok;
        failed += other.failed;
        other.outcomes.forEach((label, n) -> outcomes.merge(label, n, Long::sum));
        if (count + other.count > latencies.length) {
            latencies = Arrays.copyOf(latencies, count + other.count);
        }
        System.arraycopy(other.latencies, 0, latencies, count, other.count);
        count += other.count;
    }

    LoadResult result(double seconds, long driverCpuMillis) {
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        long answers = ok + failed;
        return new LoadResult(seconds, ok, failed, outcomes, percentile(sorted, 0.50), percentile(sorted, 0.99),
                count == 0 ? Double.NaN : sorted[count - 1] / 1e6,
                answers == 0 ? Double.NaN : driverCpuMillis * 1000.0 / answers);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] / 1e6;
    }
}
