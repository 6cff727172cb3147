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
import uz.eimzo.ocsp.status.CaIndex;
import uz.eimzo.ocsp.status.CertificateState;
import uz.eimzo.ocsp.status.ResponseCache;
import uz.eimzo.ocsp.status.ServedCa;
import uz.eimzo.ocsp.status.StatusFeed;
import uz.eimzo.ocsp.status.StatusRepository;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    /** @param validity nextUpdate - thisUpdate of a response; cached answers are refreshed at half of it */
    public OcspResponder(CaIndex cas, StatusRepository statuses, DelegatedSigners signers, ResponseCache cache,
                         StatusFeed feed, Duration validity, Clock clock) {
        this.cas = cas;
        this.statuses = statuses;
        this.signers = signers;
        this.cache = cache;
        this.feed = feed;
        this.validity = validity;
        this.clock = clock;
    }

    public OcspReply answer(byte[] request) {
        if (feed.connected()) {
            ResponseCache.Entry hit = cache.getByRequest(request, clock.instant());
            if (hit != null) {
                return new OcspReply(hit.der(), hit.thisUpdate(), hit.nextUpdate(), hit.etag());
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
            return answer(request, query);
        } catch (DataAccessException e) {
            log.warn("Database unavailable while answering: {}", e.getMessage());
            return error(ResponseStatus.TRY_LATER);
        } catch (RuntimeException e) {
            log.error("Could not answer an OCSP request", e);
            return error(ResponseStatus.INTERNAL_ERROR);
        }
    }

    private OcspReply answer(byte[] request, OcspQuery query) {
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
        if (cacheable) {
            CertId id = query.certificates().getFirst();
            key = new ResponseCache.Key(ca.id(), id.serial(), id.hashAlgorithm());
            ResponseCache.Entry hit = cache.get(key, now);
            cache.rememberRequest(request, key);
            if (hit != null) {
                return new OcspReply(hit.der(), hit.thisUpdate(), hit.nextUpdate(), hit.etag());
            }
        }
        long stamp = cache.stamp();
        List<BigInteger> serials = query.certificates().stream().map(CertId::serial).distinct().toList();
        Map<BigInteger, CertificateState> states = statuses.find(ca.id(), serials);
        Instant nextUpdate = now.plus(validity);
        List<Answer> answers = query.certificates().stream().map(id -> answer(id, states.get(id.serial()), now, nextUpdate)).toList();
        ResponderSigner s = signer.get();
        byte[] der = OcspResponses.sign(answers, s.key(), s.certificate(), s.keyHash(), query.nonce(), now);
        if (!cacheable) {
            return OcspReply.uncacheable(der);
        }
        String etag = "\"" + HexFormat.of().formatHex(Certificates.sha1(der)) + "\"";
        // An unknown serial may be a certificate being issued right now: do not pin "unknown" in the cache.
        if (answers.getFirst().state() != Answer.State.UNKNOWN) {
            cache.put(key, new ResponseCache.Entry(der, now, nextUpdate, now.plus(validity.dividedBy(2)), etag), stamp);
        }
        return new OcspReply(der, now, nextUpdate, etag);
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

    private static OcspReply error(ResponseStatus status) {
        return OcspReply.uncacheable(OcspResponses.error(status));
    }
}
