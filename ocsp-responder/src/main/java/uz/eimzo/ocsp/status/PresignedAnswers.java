package uz.eimzo.ocsp.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.protocol.Answer;
import uz.eimzo.ocsp.protocol.CertId;
import uz.eimzo.ocsp.protocol.OcspRequests;
import uz.eimzo.ocsp.protocol.OcspResponses;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.signing.ResponderSigner;
import uz.eimzo.ocsp.authorities.ServedCa;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Signed nonce-free answers for every certificate the {@link StatusIndex} holds, made ahead of time by a thread of
 * their own (as Let's Encrypt's Boulder does), so that an answer about a certificate no one asked about before is
 * stored bytes, not a signature on the request path (docs/ocsp-crl.md, "Pre-signed answers").
 *
 * <p>An answer is kept without the responder certificate (~0.25 KB for P-256), which is added when it is served. It is
 * served only while the index, asked at that moment, states exactly the status it was signed with, the CA's responder
 * key is still the one that signed it, and it is younger than three quarters of its validity. So a notified revocation
 * (the index sends the certificate to the database until a catch-up has read it), missed notifications, a restored
 * database or a new responder key all fall back to signing on request as before, and a revocation is still answered
 * {@code revoked} at once. Answers are signed for SHA-1 CertIDs in the form OpenSSL and Bouncy Castle send
 * ({@code AlgorithmIdentifier} with NULL parameters); other CertIDs are signed on request and cached as before.
 *
 * <p>Sweeps: every certificate, in slices on a few threads, signing those with no answer, an answer about another status
 * or key, or one older than half its validity; a second after each sweep, the next.
 */
public final class PresignedAnswers implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresignedAnswers.class);
    private static final Duration PAUSE = Duration.ofSeconds(1);
    // Stored before the signed bytes: thisUpdate (8), status (1), revokedAt (8), reason (1; -1 for none).
    private static final int HEADER = 18;
    private static final int SLICE = 10_000;

    /** The answers of one CA, made with one responder key over one load of the index. */
    private record CaAnswers(StatusIndex.Statuses statuses, ResponderSigner signer, AtomicReferenceArray<byte[]> good,
                             Map<BigInteger, byte[]> others) {
    }

    private final StatusIndex index;
    private final DelegatedSigners signers;
    private final Supplier<List<ServedCa>> cas;
    private final Duration validity;
    private final Clock clock;
    private final Map<Integer, CaAnswers> byCa = new ConcurrentHashMap<>();
    private final LongAdder stored = new LongAdder();
    private final Thread thread;
    private final ExecutorService workers;
    private final Pacer pacer;
    private volatile boolean running = true;

    /**
     * @param validity nextUpdate - thisUpdate of a pre-signed answer; re-signed at half of it, served up to three quarters
     * @param threads  how many threads sign during a sweep
     * @param maxRate  signatures a second at most, over all threads; 0: as fast as the threads can
     */
    public PresignedAnswers(StatusIndex index, DelegatedSigners signers, Supplier<List<ServedCa>> cas, Duration validity,
                            int threads, double maxRate, Clock clock) {
        this.index = index;
        this.signers = signers;
        this.cas = cas;
        this.validity = validity;
        this.clock = clock;
        this.pacer = Pacer.perSecond(maxRate);
        this.thread = Thread.ofPlatform().daemon().name("ocsp-presigner").unstarted(this::run);
        this.workers = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("ocsp-presigner-", 1).factory());
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        workers.shutdownNow();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("eimzo.ocsp.presigned.answers", stored, LongAdder::sum)
                .description("Signed answers held ready for certificates no one has asked about yet").register(registry);
    }

    /** Answers held, over all CAs. */
    public long size() {
        return stored.sum();
    }

    /**
     * The stored answer to a nonce-free request about one certificate, with the certificate of the key that signed
     * it, or null when there is none that is right now.
     */
    public ResponseCache.Entry get(ServedCa ca, CertId id, ResponderSigner signer, Instant now) {
        CaAnswers answers = byCa.get(ca.id());
        if (answers == null || answers.signer() != signer || !CertId.SHA1.equals(id.hashAlgorithm())) {
            return null;
        }
        StatusIndex.Lookup lookup = index.lookup(ca.id(), id.serial());
        if (lookup.verdict() != StatusIndex.Verdict.KNOWN) {
            return null;
        }
        byte[] stored = find(answers, id.serial());
        if (stored == null || !states(stored, lookup.state())) {
            return null;
        }
        Instant thisUpdate = Instant.ofEpochSecond(ByteBuffer.wrap(stored).getLong(0));
        Instant servedUntil = thisUpdate.plus(validity.multipliedBy(3).dividedBy(4));
        if (!now.isBefore(servedUntil) || !Arrays.equals(id.encoded(), certId(ca, id.serial()).encoded())) {
            return null;
        }
        byte[] der = OcspResponses.withCertificate(Arrays.copyOfRange(stored, HEADER, stored.length), signer.certificate());
        String etag = "\"" + HexFormat.of().formatHex(Certificates.sha1(der)) + "\"";
        return new ResponseCache.Entry(der, "GOOD".equals(lookup.state().status()) ? Answer.State.GOOD : Answer.State.REVOKED,
                thisUpdate, thisUpdate.plus(validity), servedUntil, etag);
    }

    private static byte[] find(CaAnswers answers, BigInteger serial) {
        int position = answers.statuses().good().indexOf(serial);
        return position >= 0 ? answers.good().get(position) : answers.others().get(serial);
    }

    private void run() {
        while (running) {
            try {
                sweep();
            } catch (RuntimeException e) {
                // Requests are answered by signing meanwhile; the next sweep tries again.
                log.warn("Could not pre-sign OCSP answers: {}", e.getMessage());
            }
            try {
                Thread.sleep(PAUSE);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass over every certificate of every served CA; public for tests that must not wait for the thread. */
    public void sweep() {
        for (ServedCa ca : cas.get()) {
            StatusIndex.Statuses statuses = index.statuses(ca.id());
            ResponderSigner signer = signers.forCa(ca.id()).orElse(null);
            // An answer must not outlive the certificate that vouches for its signature.
            if (statuses == null || signer == null || signer.notAfter().isBefore(clock.instant().plus(validity))) {
                forget(byCa.remove(ca.id()));
                continue;
            }
            CaAnswers answers = byCa.get(ca.id());
            if (answers == null || answers.statuses() != statuses || answers.signer() != signer) {
                forget(answers);
                answers = new CaAnswers(statuses, signer, new AtomicReferenceArray<>(statuses.good().size()),
                        new ConcurrentHashMap<>());
                byCa.put(ca.id(), answers);
            }
            long started = System.nanoTime();
            LongAdder signed = new LongAdder();
            SerialTable good = statuses.good();
            CaAnswers into = answers;
            // Slices of the table on the signing threads: a cold start signs every certificate, as fast as they can.
            List<Future<?>> slices = new ArrayList<>();
            for (int from = 0; from < good.size(); from += SLICE) {
                int start = from;
                int end = Math.min(good.size(), from + SLICE);
                slices.add(workers.submit(() -> {
                    for (int i = start; i < end && running; i++) {
                        byte[] renewed = renewed(ca, signer, good.get(i), into.good().get(i));
                        if (renewed != null) {
                            if (into.good().getAndSet(i, renewed) == null) {
                                stored.increment();
                            }
                            signed.increment();
                        }
                    }
                }));
            }
            for (Future<?> slice : slices) {
                await(slice);
            }
            for (BigInteger serial : statuses.others().keySet()) {
                // A certificate GOOD at load and changed since keeps its place in the table.
                if (!running || good.indexOf(serial) >= 0) {
                    continue;
                }
                byte[] renewed = renewed(ca, signer, serial, answers.others().get(serial));
                if (renewed != null) {
                    if (answers.others().put(serial, renewed) == null) {
                        stored.increment();
                    }
                    signed.increment();
                }
            }
            if (signed.sum() > 0) {
                log.info("Pre-signed answers: CA {}, {} signed in {} ms, {} held", ca.id(), signed.sum(),
                        (System.nanoTime() - started) / 1_000_000, size());
            }
        }
    }

    private static void await(Future<?> slice) {
        try {
            slice.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** A new answer when the one held is missing, about another status, or due; null when it is still good to serve. */
    private byte[] renewed(ServedCa ca, ResponderSigner signer, BigInteger serial, byte[] held) {
        StatusIndex.Lookup lookup = index.lookup(ca.id(), serial);
        if (lookup.verdict() != StatusIndex.Verdict.KNOWN) {
            return null;
        }
        CertificateState state = lookup.state();
        Answer.State answered = switch (state.status()) {
            case "GOOD" -> Answer.State.GOOD;
            case "REVOKED", "HOLD" -> Answer.State.REVOKED;
            default -> null;
        };
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (answered == null || held != null && states(held, state)
                && now.isBefore(Instant.ofEpochSecond(ByteBuffer.wrap(held).getLong(0)).plus(validity.dividedBy(2)))) {
            return null;
        }
        try {
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Integer reason = "HOLD".equals(state.status()) ? Integer.valueOf(6) : state.reason();
        CertId id = certId(ca, serial);
        Answer answer = new Answer(id, answered, state.revokedAt(), answered == Answer.State.REVOKED ? reason : null,
                now, now.plus(validity));
        byte[] bare = OcspResponses.signWithoutCertificate(answer, signer.contentSigner(), signer.keyHash(), now);
        ByteBuffer out = ByteBuffer.allocate(HEADER + bare.length);
        header(out, now, state);
        return out.put(bare).array();
    }

    /** True when a held answer was signed with exactly this status (times to the second, as answers carry them). */
    private static boolean states(byte[] held, CertificateState state) {
        ByteBuffer expected = ByteBuffer.allocate(HEADER);
        header(expected, Instant.EPOCH, state);
        return Arrays.equals(held, 8, HEADER, expected.array(), 8, HEADER);
    }

    private static void header(ByteBuffer out, Instant thisUpdate, CertificateState state) {
        out.putLong(thisUpdate.getEpochSecond());
        out.put((byte) switch (state.status()) {
            case "GOOD" -> 0;
            case "REVOKED" -> 1;
            case "HOLD" -> 2;
            default -> 3;
        });
        out.putLong(state.revokedAt() == null ? 0 : state.revokedAt().getEpochSecond());
        out.put((byte) (state.reason() == null ? -1 : state.reason()));
    }

    private void forget(CaAnswers answers) {
        if (answers == null) {
            return;
        }
        for (int i = 0; i < answers.good().length(); i++) {
            if (answers.good().get(i) != null) {
                stored.decrement();
            }
        }
        stored.add(-answers.others().size());
    }

    private static CertId certId(ServedCa ca, BigInteger serial) {
        return OcspRequests.sha1CertId(ca.nameHashSha1(), ca.keyHashSha1(), serial);
    }
}
