package uz.eimzo.ca.checkpoints;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs an audit checkpoint once {@code everyEvents} rows have been appended since the last one, on a thread of its
 * own right after the appending transaction commits, so the rows no checkpoint covers (the tail an editor could
 * rewrite, chain and all, unnoticed) stay fewer than {@code everyEvents} plus what is appended while one is signed.
 * The time-based job bounds the same tail in time when few events come. Listen with
 * {@code auditLog.onAppended(cadence::appended)}; every CA node may run one (overlapping checkpoints are harmless).
 */
public final class CheckpointCadence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CheckpointCadence.class);

    private final AuditCheckpoints checkpoints;
    private final String caName;
    private final long everyEvents;
    private final ExecutorService signer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-checkpoint-cadence");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** The newest row covered or attempted; -1 until read from the database. */
    private final AtomicLong covered = new AtomicLong(-1);

    public CheckpointCadence(AuditCheckpoints checkpoints, String caName, long everyEvents) {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("A checkpoint every " + everyEvents + " events: must be at least 1");
        }
        this.checkpoints = checkpoints;
        this.caName = caName;
        this.everyEvents = everyEvents;
    }

    /** Told the id of every committed audit row. */
    public void appended(long eventId) {
        long known = covered.get();
        if (known >= 0 && eventId - known < everyEvents) {
            return;
        }
        if (queued.compareAndSet(false, true)) {
            signer.execute(() -> sign(eventId));
        }
    }

    private void sign(long eventId) {
        try {
            long last = covered.get() < 0 ? checkpoints.lastCovered() : covered.get();
            if (eventId - last >= everyEvents) {
                checkpoints.checkpoint(caName).ifPresent(id -> log.debug("Audit checkpoint {} after {} events", id, everyEvents));
                covered.set(checkpoints.lastCovered());
            } else {
                covered.set(last);
            }
        } catch (RuntimeException e) {
            // Try again after another everyEvents rows, not on the next one: a failure's own alarm is a row too.
            covered.set(eventId);
            log.warn("Audit checkpoint after {} events failed: {}", everyEvents, e.toString());
        } finally {
            queued.set(false);
        }
    }

    @Override
    public void close() throws InterruptedException {
        signer.shutdown();
        signer.awaitTermination(10, TimeUnit.SECONDS);
    }
}
