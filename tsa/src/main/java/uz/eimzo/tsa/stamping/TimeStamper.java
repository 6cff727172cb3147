package uz.eimzo.tsa.stamping;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.tsa.encoding.RefusedRequestException;
import uz.eimzo.tsa.encoding.Refusal;
import uz.eimzo.tsa.encoding.StampQuery;
import uz.eimzo.tsa.encoding.TimeStampReplies;
import uz.eimzo.tsa.encoding.TimeStampRequests;
import uz.eimzo.tsa.encoding.TokenGenerators;
import uz.eimzo.tsa.ledger.TokenLedger;
import uz.eimzo.tsa.ledger.TokenRecord;
import uz.eimzo.tsa.signing.TsaSigner;
import uz.eimzo.tsa.signing.TsaSigners;
import uz.eimzo.tsa.timing.ClockCheck;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Answers a {@code TimeStampReq}: a token when the request is sound, the clock is vouched for, a certified key is at
 * hand and the token has been recorded; otherwise a rejection naming why. Never throws for a client's bytes.
 */
public final class TimeStamper {

    private static final Logger log = LoggerFactory.getLogger(TimeStamper.class);

    /** Serials are 127 random bits: unique without coordination between TSA instances, and positive. */
    private static final int SERIAL_BITS = 127;

    private final TimeStampRequests requests;
    private final ClockCheck clockCheck;
    private final TsaSigners signers;
    private final TokenLedger ledger;
    private final String tsaName;
    private final Duration accuracy;
    private final Clock clock;
    /**
     * A DRBG per request thread: the platform default (NativePRNG) serialises every thread on one lock around
     * /dev/urandom, which showed in thread dumps under load. Each DRBG is seeded from the operating system.
     */
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(TimeStamper::drbg);
    private final TokenGenerators generators;

    public TimeStamper(TimeStampRequests requests, ClockCheck clockCheck, TsaSigners signers, TokenLedger ledger,
                       String tsaName, Duration accuracy, Clock clock) {
        this.requests = requests;
        this.clockCheck = clockCheck;
        this.signers = signers;
        this.ledger = ledger;
        this.tsaName = tsaName;
        this.accuracy = accuracy;
        this.clock = clock;
        this.generators = new TokenGenerators(accuracy);
    }

    /** What went back, for metrics and tests: the reply's bytes and the refusal, if it was one. */
    public record Reply(byte[] body, Refusal refusal) {
    }

    /** The answer, once the token (if one was granted) is committed to the ledger. */
    public Reply stamp(byte[] body) {
        Prepared prepared = prepare(body);
        if (prepared.record() == null) {
            return prepared.reply();
        }
        try {
            ledger.record(prepared.record());
            return prepared.reply();
        } catch (TokenLedger.LedgerException notRecorded) {
            return notRecorded(notRecorded);
        }
    }

    /**
     * The same for a caller that must not block (an event loop): the token is signed on the calling thread, and the
     * future completes with the reply once its record is committed (on a ledger writer thread), never before.
     */
    public CompletableFuture<Reply> stampAsync(byte[] body) {
        Prepared prepared = prepare(body);
        if (prepared.record() == null) {
            return CompletableFuture.completedFuture(prepared.reply());
        }
        return ledger.submit(prepared.record()).handle((committed, failure) -> failure == null ? prepared.reply()
                : notRecorded(failure instanceof TokenLedger.LedgerException e ? e
                : new TokenLedger.LedgerException(String.valueOf(failure.getMessage()))));
    }

    /** A signed reply and the record to commit before it may leave; or a refusal and no record. */
    private record Prepared(Reply reply, TokenRecord record) {
    }

    private Prepared prepare(byte[] body) {
        StampQuery query;
        try {
            query = requests.parse(body);
        } catch (RefusedRequestException refused) {
            return new Prepared(refuse(refused.refusal(), refused.getMessage()), null);
        }
        if (!clockCheck.trusted()) {
            return new Prepared(refuse(Refusal.TIME_NOT_AVAILABLE, "the time-stamp authority's clock is not known to be "
                    + "within " + accuracy + " of its reference"), null);
        }
        TsaSigner signer = signers.current().orElse(null);
        if (signer == null) {
            return new Prepared(refuse(Refusal.SYSTEM_FAILURE, "no certified time-stamping key"), null);
        }
        BigInteger serial = new BigInteger(SERIAL_BITS, random.get());
        Instant genTime = clock.instant();
        try {
            byte[] granted = TimeStampReplies.grant(generators, query, signer, serial, genTime);
            return new Prepared(new Reply(granted, null), new TokenRecord(serial, genTime, query.policyId(),
                    query.algorithm().name(), query.imprint(), query.nonce() == null ? null : query.nonce().toByteArray(),
                    tsaName, signer.serial()));
        } catch (RuntimeException signing) {
            log.warn("Could not sign a time-stamp token", signing);
            return new Prepared(refuse(Refusal.SYSTEM_FAILURE, "the token could not be signed"), null);
        }
    }

    private static Reply notRecorded(TokenLedger.LedgerException notRecorded) {
        log.warn("Refused a time-stamp token that could not be recorded: {}", notRecorded.getMessage());
        return refuse(Refusal.SYSTEM_FAILURE, "the token could not be recorded");
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static Reply refuse(Refusal refusal, String text) {
        return new Reply(TimeStampReplies.refuse(refusal, text), refusal);
    }
}
