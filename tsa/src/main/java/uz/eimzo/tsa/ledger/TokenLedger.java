package uz.eimzo.tsa.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit of token records. A request thread hands its record to a writer thread and waits; the writer
 * inserts whatever has queued up meanwhile in one transaction and releases the waiters once it has committed. So a
 * reply leaves only after its token is in PostgreSQL, and under load one commit carries many tokens. With more than
 * one writer the commits overlap: records arriving while one batch commits go out in the next without waiting for it.
 * The writers gather their batches one at a time; under load (the last batch carried more than one record) a batch
 * keeps gathering for up to the gather time, because each commit costs PostgreSQL about as much as two or three of
 * its rows: without it the bench's batches carried 2 to 11 tokens.
 */
public final class TokenLedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenLedger.class);

    private record Pending(TokenRecord record, CompletableFuture<Void> committed) {
    }

    /** The columns {@link BinaryCopy} writes, in its order; the chain trigger numbers and hashes each row. */
    static final String COPY = """
            copy timestamp_token (serial, gen_time, policy, imprint_algorithm, imprint, nonce, tsa, signer_serial)
            from stdin (format binary)""";

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Duration wait;
    private final long gatherNanos;
    /** Held by the writer assembling a batch, so one batch gathers at a time while another may be committing. */
    private final Object assembling = new Object();
    private volatile boolean busy;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param maxBatch most records per transaction
     * @param wait     how long a request waits for its commit before it is refused (systemFailure)
     */
    public TokenLedger(DataSource dataSource, int maxBatch, Duration wait) {
        this(dataSource, maxBatch, wait, 1);
    }

    /** @param writerCount writer threads, each committing its own batches (each holds a connection while it does) */
    public TokenLedger(DataSource dataSource, int maxBatch, Duration wait, int writerCount) {
        this(dataSource, maxBatch, wait, writerCount, Duration.ZERO);
    }

    /**
     * @param gather under load, how long a batch waits for more records after its first (a record waits at most this
     *               longer for its commit); zero: a batch is whatever has queued up when a writer is free
     */
    public TokenLedger(DataSource dataSource, int maxBatch, Duration wait, int writerCount, Duration gather) {
        this.dataSource = dataSource;
        this.gatherNanos = gather.toNanos();
        this.queue = new ArrayBlockingQueue<>(maxBatch * 16);
        this.maxBatch = maxBatch;
        this.wait = wait;
        for (int i = 0; i < Math.max(1, writerCount); i++) {
            writers.add(Thread.ofPlatform().daemon().name("tsa-ledger-" + i).start(this::run));
        }
    }

    /** Returns once the record is committed; throws {@link LedgerException} when it is not within the wait. */
    public void record(TokenRecord record) {
        Pending pending = new Pending(record, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LedgerException("the token ledger is full");
            }
            pending.committed().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted");
        } catch (ExecutionException e) {
            throw new LedgerException("the token could not be recorded: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            // The writer may still commit it: a recorded token nobody received is harmless, the reverse is not.
            throw new LedgerException("the token was not recorded within " + wait);
        }
    }

    /**
     * The same without blocking the caller (an event loop): the future completes on a writer thread once the record
     * is committed, or exceptionally with a {@link LedgerException} when the queue is full or the commit does not
     * happen within the wait.
     */
    public CompletableFuture<Void> submit(TokenRecord record) {
        Pending pending = new Pending(record, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new LedgerException("the token ledger is full"));
        }
        return pending.committed().orTimeout(wait.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? new LedgerException("the token was not recorded within " + wait)
                    : new LedgerException("the token could not be recorded: " + cause.getMessage()));
        });
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                synchronized (assembling) {
                    Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                    if (busy && gatherNanos > 0) {
                        gather(batch);
                    }
                    busy = batch.size() > 1;
                }
                write(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what arrives within the gather time, until the batch is full. */
    private void gather(List<Pending> batch) throws InterruptedException {
        long deadline = System.nanoTime() + gatherNanos;
        while (batch.size() < maxBatch) {
            Pending next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    /**
     * One statement per batch, its own transaction: the records go in order as one binary COPY (no text to write or
     * parse on either side, one round trip, committed before the server acknowledges it), so the chain trigger gives
     * them consecutive positions. Either every record of the batch is committed or none is.
     */
    private void write(List<Pending> batch) {
        List<TokenRecord> records = new ArrayList<>(batch.size());
        batch.forEach(p -> records.add(p.record()));
        try (Connection c = dataSource.getConnection()) {
            byte[] rows = BinaryCopy.of(records);
            if (c.getAutoCommit()) {
                copy(c, rows);
            } else {
                try {
                    copy(c, rows);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            batch.forEach(p -> p.committed().complete(null));
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not record {} time-stamp tokens: {}", batch.size(), e.getMessage());
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    private static void copy(Connection c, byte[] rows) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            copy.writeToCopy(rows, 0, rows.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writers.forEach(Thread::interrupt);
    }

    /** The token was not recorded, so it must not be sent. */
    public static final class LedgerException extends RuntimeException {
        public LedgerException(String message) {
            super(message);
        }
    }
}
