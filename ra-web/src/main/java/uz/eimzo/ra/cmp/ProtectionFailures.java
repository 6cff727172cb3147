package uz.eimzo.ra.cmp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed protection checks (bad MACs, foreign or bad signatures, refused MAC parameters) per sender and per
 * client address, so one client cannot make the server check protections without end. The count is per node and
 * in memory: a cluster of n nodes allows up to n times the limit, which still bounds the work.
 */
final class ProtectionFailures {

    /** Beyond this many tracked senders the expired ones are dropped, then all: memory stays bounded under a flood. */
    private static final int MAX_TRACKED = 100_000;

    private record Count(Instant since, int failures) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    ProtectionFailures(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Whether any of the keys ({@code null}s ignored) reached the limit within the window. */
    boolean blocked(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Count count = key == null ? null : counts.get(key);
            if (count != null && count.since().plus(window).isAfter(now) && count.failures() >= limit) {
                return true;
            }
        }
        return false;
    }

    void record(String... keys) {
        Instant now = clock.instant();
        if (counts.size() > MAX_TRACKED) {
            counts.values().removeIf(c -> !c.since().plus(window).isAfter(now));
            if (counts.size() > MAX_TRACKED) {
                counts.clear();
            }
        }
        for (String key : keys) {
            if (key != null) {
                counts.merge(key, new Count(now, 1), (old, one) -> old.since().plus(window).isAfter(now)
                        ? new Count(old.since(), old.failures() + 1) : one);
            }
        }
    }

    Duration window() {
        return window;
    }
}
