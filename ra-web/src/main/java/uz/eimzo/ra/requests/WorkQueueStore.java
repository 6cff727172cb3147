package uz.eimzo.ra.requests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The work queues' read model: what each queue holds for a centre (or every centre), counted and listed a page at a
 * time in a chosen order. Each order ends with the request number so that equal keys keep one order from page to page.
 */
@Component
class WorkQueueStore {

    private static final String NEEDS_APPROVAL = "(r.applicant_type <> 'INDIVIDUAL' or c.individuals_need_approval)";
    private static final String APPLICANT = "s.surname || ' ' || s.given_name";
    private static final String REQUESTS = """
            from certificate_request r join service_centre c on c.id = r.centre_id
            join request_snapshot s on s.request_id = r.id and s.stage = 'REGISTERED'
            where (? or r.centre_id = ?)""";
    private static final String CERTIFICATES = """
            from certificate x join certificate_request r on r.id = x.request_id join ca on ca.id = x.ca_id
            join request_snapshot s on s.request_id = r.id and s.stage = 'REGISTERED'
            where (? or r.centre_id = ?)""";

    /** Which centre's work: one centre's, or every centre's (administrators). */
    record Scope(boolean everyCentre, long centreId) {
    }

    /** A queue's SQL: its rows, its condition (with the moments it compares to), and the moment that orders it. */
    private record Definition(String from, String condition, String since, boolean certificates) {
    }

    private static Definition definition(WorkQueues.Kind kind) {
        return switch (kind) {
            case AWAITING_APPROVAL -> new Definition(REQUESTS, "r.status = 'SUBMITTED' and " + NEEDS_APPROVAL,
                    "r.submitted_at", false);
            case READY_TO_ISSUE -> new Definition(REQUESTS,
                    "(r.status = 'APPROVED' or (r.status = 'SUBMITTED' and not " + NEEDS_APPROVAL + "))",
                    "coalesce(r.decided_at, r.submitted_at)", false);
            case EXPIRING -> new Definition(CERTIFICATES, "x.status = 'GOOD' and x.not_after between ? and ?",
                    "x.not_after", true);
            case RECENTLY_ISSUED -> new Definition(CERTIFICATES, "x.status <> 'PENDING' and x.not_before >= ?",
                    "x.not_before", true);
        };
    }

    private final JdbcClient jdbc;

    WorkQueueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many entries the queue holds; {@code bounds} are the moments its condition compares to. */
    long count(WorkQueues.Kind kind, Scope scope, List<Instant> bounds) {
        Definition d = definition(kind);
        return jdbc.sql("select count(*) " + d.from() + " and " + d.condition())
                .params(params(scope, bounds, List.of())).query(Long.class).single();
    }

    /** A page of the queue: {@code limit} entries after the first {@code offset}, in the order asked. */
    List<WorkQueues.Item> items(WorkQueues.Kind kind, Scope scope, List<Instant> bounds, WorkQueues.Sort sort,
                                boolean descending, long offset, int limit) {
        Definition d = definition(kind);
        String key = switch (sort) {
            case SINCE -> d.since();
            case APPLICANT -> APPLICANT;
            case NUMBER -> "r.id";
        };
        String order = key + (descending ? " desc" : " asc") + " nulls last" + (sort == WorkQueues.Sort.NUMBER ? "" : ", r.id");
        String certificate = d.certificates() ? "ca.name, x.serial" : "null, null";
        return jdbc.sql("select r.id, " + APPLICANT + ", r.applicant_type, " + certificate + ", " + d.since() + " "
                        + d.from() + " and " + d.condition() + " order by " + order + " limit ? offset ?")
                .params(params(scope, bounds, List.of(limit, offset)))
                .query((rs, n) -> {
                    BigDecimal serial = rs.getBigDecimal(5);
                    Timestamp at = rs.getTimestamp(6);
                    return new WorkQueues.Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            serial == null ? null : serial.toBigIntegerExact().toString(16),
                            at == null ? null : at.toInstant());
                })
                .list();
    }

    private static List<Object> params(Scope scope, List<Instant> bounds, List<Object> paging) {
        List<Object> params = new ArrayList<>();
        params.add(scope.everyCentre());
        params.add(scope.centreId());
        bounds.forEach(b -> params.add(Timestamp.from(b)));
        params.addAll(paging);
        return params;
    }
}
