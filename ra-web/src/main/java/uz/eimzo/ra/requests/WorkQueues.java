package uz.eimzo.ra.requests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.registration.Actor;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What waits for an operator's centre, for the home page: requests awaiting a supervisor's approval, requests ready to
 * be issued, certificates expiring soon and certificates issued lately. Administrators see every centre's.
 */
@Component
public class WorkQueues {

    /** How far ahead "expiring soon" looks, and how far back "recently issued". */
    public static final Duration EXPIRING_WITHIN = Duration.ofDays(30);
    public static final Duration ISSUED_WITHIN = Duration.ofDays(7);
    private static final int SHOWN = 5;

    /** One line of a queue: a request (with its certificate once issued) and the moment that orders the queue. */
    public record Item(long requestId, String applicant, String type, String caName, String serialHex, Instant at) {
    }

    /** A queue: how many wait, and the first few. */
    public record Queue(long count, List<Item> first) {
    }

    /** The four queues of the home page. */
    public record Queues(Queue awaitingApproval, Queue readyToIssue, Queue expiringSoon, Queue recentlyIssued) {
    }

    private static final String NEEDS_APPROVAL = "(r.applicant_type <> 'INDIVIDUAL' or c.individuals_need_approval)";
    private static final String REQUESTS = """
            from certificate_request r join service_centre c on c.id = r.centre_id
            join request_snapshot s on s.request_id = r.id and s.stage = 'REGISTERED'
            where (? or r.centre_id = ?)""";
    private static final String CERTIFICATES = """
            from certificate x join certificate_request r on r.id = x.request_id join ca on ca.id = x.ca_id
            join request_snapshot s on s.request_id = r.id and s.stage = 'REGISTERED'
            where (? or r.centre_id = ?)""";

    private final JdbcClient jdbc;
    private final Clock clock;

    WorkQueues(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Queues of(Actor actor) {
        Instant now = clock.instant();
        return new Queues(
                requests(actor, "r.status = 'SUBMITTED' and " + NEEDS_APPROVAL, "r.submitted_at"),
                requests(actor, "(r.status = 'APPROVED' or (r.status = 'SUBMITTED' and not " + NEEDS_APPROVAL + "))",
                        "coalesce(r.decided_at, r.submitted_at)"),
                certificates(actor, "x.status = 'GOOD' and x.not_after between ? and ?", "x.not_after", "asc",
                        now, now.plus(EXPIRING_WITHIN)),
                certificates(actor, "x.status <> 'PENDING' and x.not_before >= ?", "x.not_before", "desc",
                        now.minus(ISSUED_WITHIN)));
    }

    /** Requests of the queue, oldest first (the one waiting longest is handled first). */
    private Queue requests(Actor actor, String condition, String since) {
        boolean all = actor.has(Actor.Role.ADMINISTRATOR);
        long count = jdbc.sql("select count(*) " + REQUESTS + " and " + condition).params(all, actor.centreId())
                .query(Long.class).single();
        List<Item> first = jdbc.sql("select r.id, s.surname || ' ' || s.given_name, r.applicant_type, " + since + " as since "
                        + REQUESTS + " and " + condition + " order by since nulls last, r.id limit ?")
                .params(all, actor.centreId(), SHOWN)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), null, null,
                        instant(rs.getTimestamp(4)))).list();
        return new Queue(count, first);
    }

    private Queue certificates(Actor actor, String condition, String order, String direction, Instant... bounds) {
        boolean all = actor.has(Actor.Role.ADMINISTRATOR);
        Object[] countParams = params(all, actor.centreId(), bounds, false);
        long count = jdbc.sql("select count(*) " + CERTIFICATES + " and " + condition).params(countParams)
                .query(Long.class).single();
        List<Item> first = jdbc.sql("select r.id, s.surname || ' ' || s.given_name, r.applicant_type, ca.name, x.serial, "
                        + order + " " + CERTIFICATES + " and " + condition + " order by " + order + " " + direction + " limit ?")
                .params(params(all, actor.centreId(), bounds, true))
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        ((BigDecimal) rs.getBigDecimal(5)).toBigIntegerExact().toString(16), instant(rs.getTimestamp(6))))
                .list();
        return new Queue(count, first);
    }

    private static Object[] params(boolean all, long centre, Instant[] bounds, boolean limit) {
        Object[] params = new Object[2 + bounds.length + (limit ? 1 : 0)];
        params[0] = all;
        params[1] = centre;
        for (int i = 0; i < bounds.length; i++) {
            params[2 + i] = Timestamp.from(bounds[i]);
        }
        if (limit) {
            params[params.length - 1] = SHOWN;
        }
        return params;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
