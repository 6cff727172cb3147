package uz.eimzo.ocsp.responding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.protocol.Answer;
import uz.eimzo.ocsp.protocol.CertId;
import uz.eimzo.ocsp.protocol.MalformedRequestException;
import uz.eimzo.ocsp.protocol.OcspQuery;
import uz.eimzo.ocsp.protocol.OcspRequests;
import uz.eimzo.ocsp.protocol.OcspResponses;
import uz.eimzo.ocsp.protocol.ResponseStatus;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.signing.ResponderSigner;
import uz.eimzo.ocsp.authorities.CaIndex;
import uz.eimzo.ocsp.status.CertificateState;
import uz.eimzo.ocsp.status.PresignedAnswers;
import uz.eimzo.ocsp.status.ResponseCache;
import uz.eimzo.ocsp.authorities.ServedCa;
import uz.eimzo.ocsp.status.StatusFeed;
import uz.eimzo.ocsp.status.StatusIndex;
import uz.eimzo.ocsp.status.StatusRepository;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers OCSP requests: finds the issuer, reads statuses (or a cached signed answer), signs with the CA's
 * delegated responder key. Never throws: every failure is an OCSP error status.
 */
public final class OcspResponder {

    private static final Logger log = LoggerFactory.getLogger(OcspResponder.class);

    private final CaIndex cas;
    private final StatusRepository statuses;
    private final DelegatedSigners signers;
    private final ResponseCache cache;
    private final StatusFeed feed;
    private final Duration validity;
    private final Clock clock;
    private final OcspObserver observer;
    private final StatusIndex index;
    private final PresignedAnswers presigned;

    /** @param validity nextUpdate - thisUpdate of a response; cached answers are refreshed at half of it */
    public OcspResponder(CaIndex cas, StatusRepository statuses, DelegatedSigners signers, ResponseCache cache,
                         StatusFeed feed, Duration validity, Clock clock) {
        this(cas, statuses, signers, cache, feed, validity, clock, OcspObserver.NONE, null, null);
    }

    /**
     * @param observer told the outcome and duration of every answer, and every cache hit or miss
     * @param index    statuses of every certificate in memory, asked before the database; null: always the database
     * @param presigned nonce-free answers signed ahead of time, served before any other; null: none
     */
    public OcspResponder(CaIndex cas, StatusRepository statuses, DelegatedSigners signers, ResponseCache cache,
                         StatusFeed feed, Duration validity, Clock clock, OcspObserver observer, StatusIndex index,
                         PresignedAnswers presigned) {
        this.cas = cas;
        this.statuses = statuses;
        this.signers = signers;
        this.cache = cache;
        this.feed = feed;
        this.validity = validity;
        this.clock = clock;
        this.observer = observer;
        this.index = index;
        this.presigned = presigned;
    }

    public OcspReply answer(byte[] request) {
        long start = System.nanoTime();
        Answered answered = respond(request);
        observer.answered(answered.outcome(), Duration.ofNanos(System.nanoTime() - start));
        return answered.reply();
    }

    /**
     * The answer when these exact request bytes have a current cached answer, found without parsing, reading the
     * database or signing (so an event loop may call it); null when {@link #answer} must be asked, off the loop.
     */
    public OcspReply answerIfCached(byte[] request) {
        if (!feed.connected()) {
            return null;
        }
        long start = System.nanoTime();
        ResponseCache.Entry hit = cache.getByRequest(request, clock.instant());
        if (hit == null) {
            return null;
        }
        observer.cache(true);
        Answered answered = cached(hit);
        observer.answered(answered.outcome(), Duration.ofNanos(System.nanoTime() - start));
        return answered.reply();
    }

    /** The answer when the server has no room to work on a request now: tryLater, which clients retry. */
    public OcspReply busy() {
        observer.answered(OcspObserver.Outcome.TRY_LATER, Duration.ZERO);
        return error(ResponseStatus.TRY_LATER).reply();
    }

    /** The answer to a request the web layer could not even read (too large, not base64): malformedRequest. */
    public OcspReply malformed() {
        observer.answered(OcspObserver.Outcome.MALFORMED, Duration.ZERO);
        return error(ResponseStatus.MALFORMED_REQUEST).reply();
    }

    private record Answered(OcspReply reply, OcspObserver.Outcome outcome) {
    }

    private Answered respond(byte[] request) {
        if (feed.connected()) {
            ResponseCache.Entry hit = cache.getByRequest(request, clock.instant());
            if (hit != null) {
                observer.cache(true);
                return cached(hit);
            }
        }
        OcspQuery query;
        try {
            query = OcspRequests.parse(request);
        } catch (MalformedRequestException e) {
            return error(ResponseStatus.MALFORMED_REQUEST);
        }
        if (!feed.connected()) {
            // Without notifications neither the cache nor a half-reachable database can be trusted.
            return error(ResponseStatus.TRY_LATER);
        }
        try {
            return respond(request, query);
        } catch (DataAccessException e) {
            log.warn("Database unavailable while answering: {}", e.getMessage());
            return error(ResponseStatus.TRY_LATER);
        } catch (RuntimeException e) {
            log.error("Could not answer an OCSP request", e);
            return error(ResponseStatus.INTERNAL_ERROR);
        }
    }

    private Answered respond(byte[] request, OcspQuery query) {
        ServedCa ca = null;
        for (CertId id : query.certificates()) {
            Optional<ServedCa> issuer = cas.issuerOf(id);
            // A delegated responder speaks for one CA: a request spanning CAs cannot be signed by one key.
            if (issuer.isEmpty() || (ca != null && ca.id() != issuer.get().id())) {
                return error(ResponseStatus.UNAUTHORIZED);
            }
            ca = issuer.get();
        }
        Optional<ResponderSigner> signer = signers.forCa(ca.id());
        if (signer.isEmpty()) {
            return error(ResponseStatus.TRY_LATER);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean cacheable = query.nonce() == null && query.certificates().size() == 1;
        ResponseCache.Key key = null;
        // Taken before the statuses are looked up: a change announced after this point keeps the answer out of the cache.
        long stamp = cache.stamp();
        if (cacheable) {
            CertId id = query.certificates().getFirst();
            key = new ResponseCache.Key(ca.id(), id.serial(), id.hashAlgorithm());
            ResponseCache.Entry hit = cache.get(key, now);
            boolean askedBefore = cache.rememberRequest(request, key);
            if (hit != null) {
                observer.cache(true);
                return cached(hit);
            }
            ResponseCache.Entry ready = presigned == null ? null : presigned.get(ca, id, signer.get(), now);
            if (ready != null) {
                // Kept in the cache only when these request bytes came before, so that a hot answer is served from them
                // unparsed (on Netty's event loop too). Not at the first ask: the pre-signed store holds the bytes
                // already, and at millions of certificates asked about uniformly an entry per first ask is one more
                // object copied into the old generation and replaced there (docs/ocsp-crl.md, "Slabs instead of an
                // array per answer": a cache put per serve cost more than everything else measured there).
                if (askedBefore) {
                    cache.put(key, ready, stamp);
                }
                observer.presigned();
                return cached(ready);
            }
            observer.cache(false);
        }
        Map<BigInteger, CertificateState> states = states(ca.id(), query, now, stamp);
        if (states == null) {
            // The status index is still loading this CA: no guess, and no database stampede while a cold responder joins.
            return error(ResponseStatus.TRY_LATER);
        }
        Instant nextUpdate = now.plus(validity);
        List<Answer> answers = query.certificates().stream().map(id -> answer(id, states.get(id.serial()), now, nextUpdate)).toList();
        OcspObserver.Outcome outcome = outcome(answers);
        ResponderSigner s = signer.get();
        byte[] der = OcspResponses.sign(answers, s.contentSigner(), s.certificate(), s.keyHash(), query.nonce(), now);
        if (!cacheable) {
            return new Answered(OcspReply.uncacheable(der), outcome);
        }
        String etag = "\"" + HexFormat.of().formatHex(Certificates.sha1(der)) + "\"";
        // An unknown serial may be a certificate being issued right now: do not pin "unknown" in the cache.
        Answer.State state = answers.getFirst().state();
        if (state != Answer.State.UNKNOWN) {
            cache.put(key, new ResponseCache.Entry(der, state, now, nextUpdate, now.plus(validity.dividedBy(2)), etag), stamp);
        }
        return new Answered(new OcspReply(der, now, nextUpdate, etag), outcome);
    }

    /**
     * The statuses of the certificates asked about: those kept since the last change, then what the status index
     * knows, the rest from the database; null while the index is still loading the CA.
     */
    private Map<BigInteger, CertificateState> states(int caId, OcspQuery query, Instant now, long stamp) {
        Map<BigInteger, CertificateState> states = new HashMap<>();
        List<BigInteger> missing = new ArrayList<>();
        for (BigInteger serial : query.certificates().stream().map(CertId::serial).distinct().toList()) {
            CertificateState kept = cache.state(caId, serial, now);
            StatusIndex.Lookup indexed = kept != null || index == null ? null : index.lookup(caId, serial);
            if (kept != null) {
                states.put(serial, kept);
            } else if (indexed != null && indexed.verdict() == StatusIndex.Verdict.LOADING) {
                return null;
            } else if (indexed != null && indexed.verdict() == StatusIndex.Verdict.KNOWN) {
                states.put(serial, indexed.state());
            } else {
                missing.add(serial);
            }
        }
        if (!missing.isEmpty()) {
            Map<BigInteger, CertificateState> read = statuses.find(caId, missing);
            Instant refreshAfter = now.plus(validity.dividedBy(2));
            read.values().forEach(state -> cache.putState(caId, state, refreshAfter, stamp));
            states.putAll(read);
        }
        return states;
    }

    /** Revoked if any certificate asked about is, else unknown if any is, else good. */
    private static OcspObserver.Outcome outcome(List<Answer> answers) {
        if (answers.stream().anyMatch(a -> a.state() == Answer.State.REVOKED)) {
            return OcspObserver.Outcome.REVOKED;
        }
        return answers.stream().anyMatch(a -> a.state() == Answer.State.UNKNOWN) ? OcspObserver.Outcome.UNKNOWN
                : OcspObserver.Outcome.GOOD;
    }

    private static Answered cached(ResponseCache.Entry hit) {
        return new Answered(new OcspReply(hit.der(), hit.thisUpdate(), hit.nextUpdate(), hit.etag()),
                hit.state() == Answer.State.REVOKED ? OcspObserver.Outcome.REVOKED : OcspObserver.Outcome.GOOD);
    }

    private static Answer answer(CertId id, CertificateState state, Instant now, Instant nextUpdate) {
        return switch (state.status()) {
            case "GOOD" -> new Answer(id, Answer.State.GOOD, null, null, now, nextUpdate);
            case "REVOKED" -> new Answer(id, Answer.State.REVOKED, state.revokedAt(), state.reason(), now, nextUpdate);
            // certificateHold (6): revoked for now, and it may come back.
            case "HOLD" -> new Answer(id, Answer.State.REVOKED, state.revokedAt(), 6, now, nextUpdate);
            default -> new Answer(id, Answer.State.UNKNOWN, null, null, now, nextUpdate);
        };
    }

    private static Answered error(ResponseStatus status) {
        OcspObserver.Outcome outcome = switch (status) {
            case MALFORMED_REQUEST -> OcspObserver.Outcome.MALFORMED;
            case UNAUTHORIZED -> OcspObserver.Outcome.UNAUTHORIZED;
            case TRY_LATER -> OcspObserver.Outcome.TRY_LATER;
            case INTERNAL_ERROR -> OcspObserver.Outcome.INTERNAL_ERROR;
        };
        return new Answered(OcspReply.uncacheable(OcspResponses.error(status)), outcome);
    }
}
