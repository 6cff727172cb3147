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

import uz.eimzo.ocsp.status.StoredAnswer.Held;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.CertificateEncodingException;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import static uz.eimzo.ocsp.status.StoredAnswer.ETAG;
import static uz.eimzo.ocsp.status.StoredAnswer.GOOD;
import static uz.eimzo.ocsp.status.StoredAnswer.HEADER;
import static uz.eimzo.ocsp.status.StoredAnswer.PREFIX;
import static uz.eimzo.ocsp.status.StoredAnswer.STATE;
import static uz.eimzo.ocsp.status.StoredAnswer.answered;
import static uz.eimzo.ocsp.status.StoredAnswer.held;
import static uz.eimzo.ocsp.status.StoredAnswer.state;

/**
 * Signed nonce-free answers for every certificate the {@link StatusIndex} holds, made ahead of time by a thread of
 * their own (as Let's Encrypt's Boulder does), so that an answer about a certificate no one asked about before is
 * stored bytes, not a signature on the request path (docs/ocsp-crl.md, "Pre-signed answers").
 *
 * <p>An answer is kept without the responder certificate (~0.25 KB for P-256), which is added when it is served, in
 * {@link AnswerSlabs} at the position of its serial in the index's table (not an array per answer: at ten million the
 * collector's work over those arrays cost more than serving them). It is
 * served only while the index, asked at that moment, states exactly the status it was signed with, the CA's responder
 * key is still the one that signed it, and it is younger than three quarters of its validity. So a notified revocation
 * (the index sends the certificate to the database until a catch-up has read it), missed notifications, a restored
 * database or a new responder key all fall back to signing on request as before, and a revocation is still answered
 * {@code revoked} at once. Answers are signed for SHA-1 CertIDs in the form OpenSSL and Bouncy Castle send
 * ({@code AlgorithmIdentifier} with NULL parameters); other CertIDs are signed on request and cached as before.
 *
 * <p>Sweeps: every certificate, in slices on a few threads, signing those with no answer, an answer about another status
 * or key, or one older than half its validity. A certificate still as it was when the index loaded it is passed over
 * by its table position alone while its answer is young; those changed since are the index's map, looked up one by
 * one. After a sweep that signed something the next starts a second later; after one that signed nothing, after four
 * times as long as it took (at most a minute), so that with nothing to sign the sweeps of ten million certificates take
 * no more than a fifth of their threads' time from requests.
 */
public final class PresignedAnswers implements MeterBinder, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresignedAnswers.class);
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_IDLE_PAUSE = Duration.ofMinutes(1);
    // Room in a slot beyond the longest answer a probe signed: DER signatures vary by a few bytes.
    private static final int SLACK = 16;
    private static final int SLICE = 10_000;
    private static final BigInteger LONGEST_SERIAL = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    /**
     * The answers of one CA, made with one responder key over one load of the index: those for the serials of the
     * index's table in slabs at the table's positions, the others (and any too long for a slot) one array each.
     */
    private record CaAnswers(StatusIndex.Statuses statuses, ResponderSigner signer, byte[] certificateHash,
                             AnswerSlabs good, Map<BigInteger, byte[]> others) {

        long size() {
            return good.held() + others.size();
        }
    }

    /** A held answer as served. */
    private record Served(long thisUpdate, byte[] der, String etag) {
    }

    private final StatusIndex index;
    private final DelegatedSigners signers;
    private final Supplier<List<ServedCa>> cas;
    private final Duration validity;
    private final Clock clock;
    private final Map<Integer, CaAnswers> byCa = new ConcurrentHashMap<>();
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
        Gauge.builder("eimzo.ocsp.presigned.answers", this, PresignedAnswers::size)
                .description("Signed answers held ready for certificates no one has asked about yet").register(registry);
    }

    /** Answers held, over all CAs. */
    public long size() {
        return byCa.values().stream().mapToLong(CaAnswers::size).sum();
    }

    /** Whether an answer about this certificate is held, whatever it states (for probes that wait for the sweep). */
    public boolean holds(int caId, BigInteger serial) {
        CaAnswers answers = byCa.get(caId);
        return answers != null && find(answers, serial, (slab, offset, length) -> Boolean.TRUE) != null;
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
        byte[] state = state(lookup.state());
        long servedFor = validity.multipliedBy(3).dividedBy(4).toSeconds();
        long epochNow = now.getEpochSecond();
        // Everything is checked and the response built inside the read, so the bytes are copied once, into the array
        // served; a read a re-write overtook is thrown away (AnswerSlabs).
        Served served = find(answers, id.serial(), (slab, offset, length) -> {
            long thisUpdate = StoredAnswer.thisUpdate(slab, offset);
            if (length <= PREFIX || !Arrays.equals(slab, offset + STATE, offset + HEADER, state, 0, state.length)
                    || epochNow >= thisUpdate + servedFor) {
                return null;
            }
            return new Served(thisUpdate, OcspResponses.withCertificate(slab, offset + PREFIX, length - PREFIX,
                    signer.certificate()), "\"" + HexFormat.of().formatHex(slab, offset + HEADER, offset + PREFIX) + "\"");
        });
        if (served == null || !Arrays.equals(id.encoded(), certId(ca, id.serial()).encoded())) {
            return null;
        }
        Instant thisUpdate = Instant.ofEpochSecond(served.thisUpdate());
        return new ResponseCache.Entry(served.der(), "GOOD".equals(lookup.state().status()) ? Answer.State.GOOD : Answer.State.REVOKED,
                thisUpdate, thisUpdate.plus(validity), Instant.ofEpochSecond(served.thisUpdate() + servedFor), served.etag());
    }

    private static <T> T find(CaAnswers answers, BigInteger serial, AnswerSlabs.Reader<T> reader) {
        int position = answers.statuses().good().indexOf(serial);
        T found = position >= 0 ? answers.good().get(position, reader) : null;
        if (found != null) {
            return found;
        }
        // Outside the table, or (never for the answers we sign) too long for its slot.
        byte[] other = answers.others().get(serial);
        return other == null ? null : reader.read(other, 0, other.length);
    }

    private void run() {
        while (running) {
            long started = System.nanoTime();
            long signed = 0;
            try {
                signed = sweep();
            } catch (RuntimeException e) {
                // Requests are answered by signing meanwhile; the next sweep tries again.
                log.warn("Could not pre-sign OCSP answers: {}", e.getMessage());
            }
            try {
                Thread.sleep(signed > 0 ? PAUSE : idlePause(Duration.ofNanos(System.nanoTime() - started)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** After a sweep with nothing to sign: four times as long as it took, between one second and one minute. */
    static Duration idlePause(Duration took) {
        Duration pause = took.multipliedBy(4);
        return pause.compareTo(PAUSE) < 0 ? PAUSE : pause.compareTo(LONGEST_IDLE_PAUSE) > 0 ? LONGEST_IDLE_PAUSE : pause;
    }

    /**
     * One pass over every certificate of every served CA; public for tests that must not wait for the thread.
     *
     * @return how many answers it signed
     */
    public long sweep() {
        long signedInAll = 0;
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
                answers = new CaAnswers(statuses, signer, certificateHash(signer),
                        new AnswerSlabs(statuses.good().size(), longest(ca, signer)), new ConcurrentHashMap<>());
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
                        Held held = into.good().get(i, StoredAnswer::held);
                        // Good and young: nothing to do unless the certificate changed since the load, and then it is in
                        // the index's map, which the loop below goes through. No serial built, nothing looked up.
                        if (held != null && Arrays.equals(held.state(), GOOD) && young(held)) {
                            continue;
                        }
                        BigInteger serial = good.get(i);
                        byte[] renewed = renewed(ca, signer, into.certificateHash(), serial, held);
                        if (renewed != null) {
                            if (!into.good().put(i, renewed)) {
                                into.others().put(serial, renewed);
                            }
                            signed.increment();
                        }
                    }
                }));
            }
            for (Future<?> slice : slices) {
                await(slice);
            }
            for (Map.Entry<BigInteger, CertificateState> other : statuses.others().entrySet()) {
                if (!running) {
                    break;
                }
                BigInteger serial = other.getKey();
                // A certificate GOOD at load and changed since keeps its place in the table.
                int position = good.indexOf(serial);
                Held held = position >= 0 ? answers.good().get(position, StoredAnswer::held) : null;
                if (held == null) {
                    byte[] kept = answers.others().get(serial);
                    held = kept == null ? null : held(kept, 0, kept.length);
                }
                if (held != null && Arrays.equals(held.state(), state(other.getValue())) && young(held)) {
                    continue;
                }
                byte[] renewed = renewed(ca, signer, answers.certificateHash(), serial, held);
                if (renewed != null) {
                    if (position < 0 || !answers.good().put(position, renewed)) {
                        answers.others().put(serial, renewed);
                    }
                    signed.increment();
                }
            }
            if (signed.sum() > 0) {
                log.info("Pre-signed answers: CA {}, {} signed in {} ms, {} held", ca.id(), signed.sum(),
                        (System.nanoTime() - started) / 1_000_000, size());
            }
            signedInAll += signed.sum();
        }
        return signedInAll;
    }

    /** Younger than half its validity: not due for renewal. */
    private boolean young(Held held) {
        return clock.instant().getEpochSecond() < held.thisUpdate() + validity.dividedBy(2).toSeconds();
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
    private byte[] renewed(ServedCa ca, ResponderSigner signer, byte[] certificateHash, BigInteger serial, Held held) {
        StatusIndex.Lookup lookup = index.lookup(ca.id(), serial);
        if (lookup.verdict() != StatusIndex.Verdict.KNOWN) {
            return null;
        }
        CertificateState state = lookup.state();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (answered(state) == null || held != null && Arrays.equals(held.state(), state(state))
                && now.isBefore(Instant.ofEpochSecond(held.thisUpdate()).plus(validity.dividedBy(2)))) {
            return null;
        }
        try {
            pacer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return signed(ca, signer, certificateHash, serial, state, now);
    }

    /**
     * Header, ETag and the answer signed without the responder certificate. The ETag is computed here, once, rather
     * than over the whole response at every serve: it only has to name the bytes served, and those are these signed
     * bytes with the certificate of the key that signed them (answers of one {@link CaAnswers} all carry the same), so
     * a hash over the signed bytes and that certificate's hash names them as well as a hash over the whole.
     */
    private byte[] signed(ServedCa ca, ResponderSigner signer, byte[] certificateHash, BigInteger serial,
                          CertificateState state, Instant now) {
        Answer.State answered = answered(state);
        Integer reason = "HOLD".equals(state.status()) ? Integer.valueOf(6) : state.reason();
        Answer answer = new Answer(certId(ca, serial), answered, state.revokedAt(),
                answered == Answer.State.REVOKED ? reason : null, now, now.plus(validity));
        byte[] bare = OcspResponses.signWithoutCertificate(answer, signer.contentSigner(), signer.keyHash(), now);
        ByteBuffer etag = ByteBuffer.allocate(bare.length + certificateHash.length).put(bare).put(certificateHash);
        return StoredAnswer.layout(now.getEpochSecond(), state, Certificates.sha1(etag.array()), bare);
    }

    /**
     * The longest answer this CA's key will sign for a certificate of the table (a revocation with a reason for the
     * longest serial), signed once to measure it, with some slack: the slot size of its slabs.
     */
    private int longest(ServedCa ca, ResponderSigner signer) {
        CertificateState revoked = new CertificateState(LONGEST_SERIAL, "REVOKED",
                clock.instant().truncatedTo(ChronoUnit.SECONDS), 1);
        return signed(ca, signer, new byte[ETAG], LONGEST_SERIAL, revoked, clock.instant().truncatedTo(ChronoUnit.SECONDS)).length + SLACK;
    }

    private static byte[] certificateHash(ResponderSigner signer) {
        try {
            return Certificates.sha1(signer.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("Cannot encode the responder certificate", e);
        }
    }

    private static void forget(CaAnswers answers) {
        if (answers != null) {
            answers.good().release();
        }
    }

    private static CertId certId(ServedCa ca, BigInteger serial) {
        return OcspRequests.sha1CertId(ca.nameHashSha1(), ca.keyHashSha1(), serial);
    }
}
