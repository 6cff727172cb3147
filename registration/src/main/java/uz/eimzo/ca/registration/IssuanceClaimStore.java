package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * A request's claim for issuance ({@code certificate_request.issuing_since}) and its issued mark: committed before
 * anything is signed, so a second issuance of the same request at the same time is refused instead of producing a
 * second certificate. A claim older than {@link #CLAIM_EXPIRES} was left by a node that died mid-issuance.
 */
final class IssuanceClaimStore {

    /** How long a claim for issuance holds; issuance takes milliseconds, so an older claim was left by a dead node. */
    static final Duration CLAIM_EXPIRES = Duration.ofMinutes(5);

    private final JdbcClient jdbc;

    IssuanceClaimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims a ready (submitted or approved) request; false when another issuance holds it or it was issued. */
    boolean claim(long requestId, Instant now) {
        return jdbc.sql("""
                        update certificate_request set issuing_since = ?
                        where id = ? and status in (?, ?) and (issuing_since is null or issuing_since < ?)""")
                .params(Timestamp.from(now), requestId, RequestStatus.SUBMITTED.name(), RequestStatus.APPROVED.name(),
                        Timestamp.from(now.minus(CLAIM_EXPIRES))).update() == 1;
    }

    /** Whether a live claim holds the request now. */
    boolean claimed(long requestId, Instant now) {
        return jdbc.sql("select coalesce(issuing_since > ?, false) from certificate_request where id = ?")
                .params(Timestamp.from(now.minus(CLAIM_EXPIRES)), requestId).query(Boolean.class).single();
    }

    void release(long requestId) {
        jdbc.sql("update certificate_request set issuing_since = null where id = ?").param(requestId).update();
    }

    /** Marks a claimed request issued with its certificate; false when it is no longer submitted or approved. */
    boolean markIssued(long requestId, KeyOption option, int caId, BigInteger serial) {
        return jdbc.sql("""
                update certificate_request set status = ?, key_option = ?, issued_ca_id = ?, issued_serial = ?,
                    issuing_since = null, updated_at = now() where id = ? and status in (?, ?)""")
                .params(RequestStatus.ISSUED.name(), option.name(), caId, new BigDecimal(serial),
                        requestId, RequestStatus.SUBMITTED.name(), RequestStatus.APPROVED.name()).update() == 1;
    }
}
