package uz.eimzo.tsa.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit of token records. A request thread hands its record to a writer thread and waits; the writer
 * inserts whatever has queued up meanwhile in one transaction and releases the waiters once it has committed. So a
 * reply leaves only after its token is in PostgreSQL, and under load one commit carries many tokens. With more than
 * one writer the commits overlap: records arriving while one batch commits go out in the next without waiting for it.
 */
public final class TokenLedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenLedger.class);

    private record Pending(TokenRecord record, CompletableFuture<Void> committed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Duration wait;
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
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
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

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            tx.executeWithoutResult(status -> jdbc.batchUpdate("""
                    insert into timestamp_token (serial, gen_time, policy, imprint_algorithm, imprint, nonce, tsa,
                        signer_serial) values (?, ?, ?, ?, ?, ?, ?, ?)""", batch, batch.size(), (ps, pending) -> {
                TokenRecord r = pending.record();
                ps.setBigDecimal(1, new BigDecimal(r.serial()));
                ps.setTimestamp(2, Timestamp.from(r.genTime()));
                ps.setString(3, r.policy());
                ps.setString(4, r.imprintAlgorithm());
                ps.setBytes(5, r.imprint());
                ps.setBytes(6, r.nonce());
                ps.setString(7, r.tsa());
                ps.setBigDecimal(8, new BigDecimal(r.signerSerial()));
            }));
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException e) {
            log.warn("Could not record {} time-stamp tokens: {}", batch.size(), e.getMessage());
            batch.forEach(p -> p.committed().completeExceptionally(e));
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
