package uz.eimzo.ocsp.replica;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates whose status changed within the fresh window: the replica may not have replayed the change yet, so
 * their statuses are read from the primary. Bounded: when more change at once than it may hold, it stops naming
 * certificates and says "everything changed" for the window instead, which is always safe.
 */
final class RecentChanges {

    private record Serial(int caId, BigInteger serial) {
    }

    private final ConcurrentHashMap<Serial, Instant> until = new ConcurrentHashMap<>();
    private final Duration window;
    private final int maxEntries;
    private final Clock clock;
    private volatile Instant everythingUntil = Instant.EPOCH;
    private long unseen;

    RecentChanges(Duration window, int maxEntries, Clock clock) {
        this.window = window;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    void changed(int caId, BigInteger serial) {
        Instant now = clock.instant();
        if (until.size() >= maxEntries) {
            until.values().removeIf(end -> !end.isAfter(now));
            if (until.size() >= maxEntries) {
                everythingChanged();
                until.clear();
                return;
            }
        }
        until.put(new Serial(caId, serial), now.plus(window));
    }

    /** Changes went unseen (a lost notification connection, a payload we could not read): trust no replica read. */
    synchronized void everythingChanged() {
        unseen++;
        everythingUntil = clock.instant().plus(window);
    }

    /** Counts {@link #everythingChanged} calls, so a catch-up can say which of them it covers. */
    synchronized long unseenChanges() {
        return unseen;
    }

    /** True while every status read must go to the primary. */
    boolean everything() {
        return clock.instant().isBefore(everythingUntil);
    }

    /**
     * The replica has replayed everything the primary had written after the given count of unseen-change events: it
     * cannot be staler than the primary was then, so status reads may go back to it before the window ends.
     */
    synchronized void caughtUp(long unseenChanges) {
        if (unseen == unseenChanges) {
            everythingUntil = Instant.EPOCH;
        }
    }

    /** True if any of these certificates, or possibly any certificate at all, changed within the window. */
    boolean anyChanged(int caId, Collection<BigInteger> serials) {
        Instant now = clock.instant();
        if (now.isBefore(everythingUntil)) {
            return true;
        }
        if (until.isEmpty()) {
            return false;
        }
        for (BigInteger serial : serials) {
            Serial key = new Serial(caId, serial);
            Instant end = until.get(key);
            if (end != null) {
                if (now.isBefore(end)) {
                    return true;
                }
                until.remove(key, end);
            }
        }
        return false;
    }

    int size() {
        return until.size();
    }
}
