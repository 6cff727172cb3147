package uz.eimzo.ocsp.replica;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.function.Function;

/**
 * Sends the responder's bulk reads to a read replica while that is safe, and to the primary otherwise. Safe means: the
 * replica answered its last lag check, it is at most {@code maxLag} behind, and (for status look-ups) none of the
 * certificates asked about changed within the fresh window, since a hot standby may not have replayed a change the
 * primary has already notified. After notifications may have been missed (startup, a lost LISTEN connection) every
 * status read goes to the primary until the replica has replayed the WAL the primary had written by then. Writes,
 * LISTEN and everything not routed here stay on the primary.
 *
 * <p>Lag is measured in WAL positions, not replay timestamps: an idle primary writes nothing, which leaves
 * {@code pg_last_xact_replay_timestamp()} old on a replica that is perfectly current, while positions compare equal.
 */
public final class ReadRouting implements MeterBinder, AutoCloseable {

    /** Where reads go now and why. */
    public enum State {
        NOT_CONFIGURED("not configured"), UNCHECKED("not checked yet"), IN_USE("in use"), LAGGING("lagging"),
        UNREACHABLE("unreachable");

        private final String text;

        State(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The replica's state, its last measured lag (null if unknown) and the last error, for health and metrics. */
    public record Condition(State state, Duration lag, String error) {
    }

    private static final int MAX_OBSERVATIONS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ReadRouting.class);

    private record Observation(Instant at, long position) {
    }

    private record Barrier(long unseenChanges, long position) {
    }

    private final JdbcClient primary;
    private final JdbcClient replica;
    private final AutoCloseable replicaPool;
    private final RecentChanges recent;
    private final Duration maxLag;
    private final Clock clock;
    // Primary WAL positions in the order first seen, oldest first, from the first one the replica has not replayed.
    private final Deque<Observation> observations = new ArrayDeque<>();
    private Barrier barrier;
    private final Object transitions = new Object();
    private volatile Condition condition;

    private ReadRouting(JdbcClient primary, JdbcClient replica, AutoCloseable replicaPool, RecentChanges recent,
                        Duration maxLag, Clock clock, State state) {
        this.primary = primary;
        this.replica = replica;
        this.replicaPool = replicaPool;
        this.recent = recent;
        this.maxLag = maxLag;
        this.clock = clock;
        this.condition = new Condition(state, null, null);
    }

    /** Without a replica: every read on the primary, as before replicas existed. */
    public static ReadRouting primaryOnly(JdbcClient primary) {
        return new ReadRouting(primary, null, null, null, Duration.ZERO, Clock.systemUTC(), State.NOT_CONFIGURED);
    }

    /**
     * @param replicaPool  closed with this (the pool and the lag checks)
     * @param freshWindow  how long a changed certificate's status is read from the primary
     * @param maxFresh     bound on certificates remembered as changed; beyond it every status read goes to the primary
     * @param maxLag       a replica further behind than this gets no reads until it catches up
     */
    public static ReadRouting withReplica(JdbcClient primary, JdbcClient replica, AutoCloseable replicaPool,
                                          Duration freshWindow, int maxFresh, Duration maxLag, Clock clock) {
        return new ReadRouting(primary, replica, replicaPool, new RecentChanges(freshWindow, maxFresh, clock), maxLag,
                clock, State.UNCHECKED);
    }

    /** A read that tolerates the replica's bounded lag: CRLs, CA certificates, the CA list. */
    public <T> T bulk(Function<JdbcClient, T> read) {
        return condition.state() == State.IN_USE ? onReplica(read) : read.apply(primary);
    }

    /** Status look-ups: on the primary if any of these certificates changed recently, else like {@link #bulk}. */
    public <T> T statuses(int caId, Collection<BigInteger> serials, Function<JdbcClient, T> read) {
        if (condition.state() != State.IN_USE || recent.anyChanged(caId, serials)) {
            return read.apply(primary);
        }
        return onReplica(read);
    }

    /** The primary notified a status change: read this certificate from the primary for the fresh window. */
    public void changed(int caId, BigInteger serial) {
        if (recent != null) {
            recent.changed(caId, serial);
        }
    }

    /** Changes may have gone unseen: read every status from the primary for the fresh window. */
    public void everythingChanged() {
        if (recent != null) {
            recent.everythingChanged();
        }
    }

    public Condition condition() {
        return condition;
    }

    public boolean configured() {
        return replica != null;
    }

    /** True while every status look-up goes to the primary because changes may have gone unseen. */
    public boolean allStatusesOnPrimary() {
        return recent != null && recent.everything();
    }

    /** Measures how far the replica is behind by comparing WAL positions on both; run periodically. */
    public synchronized void check() {
        if (replica == null) {
            return;
        }
        long unseen = recent.unseenChanges();
        long onPrimary;
        try {
            onPrimary = new WalPositionStore(primary).inserted();
        } catch (DataAccessException primaryDown) {
            // Nothing to compare with; the status feed reports the primary's own trouble.
            return;
        }
        Instant now = clock.instant();
        if ((observations.isEmpty() || observations.peekLast().position() < onPrimary) && observations.size() < MAX_OBSERVATIONS) {
            observations.addLast(new Observation(now, onPrimary));
        }
        if (recent.everything() && (barrier == null || barrier.unseenChanges() != unseen)) {
            // Read after the unseen changes were reported, so it is at or past every one of them.
            barrier = new Barrier(unseen, onPrimary);
        }
        long onReplica;
        try {
            onReplica = new WalPositionStore(replica).replayed();
        } catch (DataAccessException e) {
            unreachable(e);
            return;
        }
        if (barrier != null && onReplica >= barrier.position()) {
            recent.caughtUp(barrier.unseenChanges());
            barrier = null;
        }
        while (!observations.isEmpty() && observations.peekFirst().position() <= onReplica) {
            observations.removeFirst();
        }
        // Behind since at least the moment we first saw a position it still lacks; idle servers compare equal.
        Duration lag = observations.isEmpty() ? Duration.ZERO : Duration.between(observations.peekFirst().at(), now);
        move(lag.compareTo(maxLag) > 0 ? State.LAGGING : State.IN_USE, lag, null);
    }

    private <T> T onReplica(Function<JdbcClient, T> read) {
        try {
            return read.apply(replica);
        } catch (DataAccessException e) {
            // Lost, or a query cancelled by a recovery conflict: this read, and all until the next good check, on the primary.
            unreachable(e);
            return read.apply(primary);
        }
    }

    private void unreachable(DataAccessException e) {
        move(State.UNREACHABLE, condition.lag(), e.getMostSpecificCause().getMessage());
    }

    private void move(State state, Duration lag, String error) {
        State before;
        // Not the check's monitor: a request thread that saw the replica fail must not wait for a slow check.
        synchronized (transitions) {
            before = condition.state();
            condition = new Condition(state, lag, error);
        }
        if (before == state) {
            return;
        }
        switch (state) {
            case IN_USE -> log.info("Read replica in use (lag {})", lag);
            case LAGGING -> log.warn("Read replica is {} behind, more than {}: reading from the primary until it catches up",
                    lag, maxLag);
            case UNREACHABLE -> log.warn("Read replica unreachable, reading from the primary: {}", error);
            default -> {
            }
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (replica == null) {
            return;
        }
        Gauge.builder("eimzo.ocsp.replica.lag", this, routing -> {
                    Condition c = routing.condition();
                    return c.lag() == null || c.state() == State.UNREACHABLE ? Double.NaN : c.lag().toMillis() / 1000.0;
                })
                .description("How long the read replica has been behind the primary's WAL position; NaN while unreachable")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void close() throws Exception {
        if (replicaPool != null) {
            replicaPool.close();
        }
    }
}
