package uz.eimzo.ra.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.operator.OperatorUser;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Integrators' bearer tokens. A token acts as one operator account (its centre and roles, so the four-eyes and centre
 * rules hold for the API as for the pages). Only its SHA-256 is stored: the token itself is shown once to the
 * administrator who made it. Creation and revocation are audited; the last use is recorded (at most once a minute).
 */
@Component
public class ApiTokens {

    /** A token as the administration page lists it (never the token itself). */
    public record Listed(long id, String name, String operator, String centre, String createdBy, Instant createdAt,
                         Instant expiresAt, Instant lastUsedAt, boolean revoked) {

        public boolean expired(Instant now) {
            return expiresAt != null && !expiresAt.isAfter(now);
        }
    }

    /** A token just made: its secret, shown once. */
    public record Created(long id, String name, String token) {
    }

    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CaServices ca;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, TransactionTemplate tx, CaServices ca, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ca = ca;
        this.clock = clock;
    }

    /** Makes a token for an operator account; {@code validity} null for one that works until revoked. */
    public Created create(String admin, long operatorId, String name, Duration validity) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = "eimzo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant expires = validity == null ? null : clock.instant().plus(validity);
        long id = tx.execute(s -> {
            long made = jdbc.sql("""
                    insert into api_token (name, operator_id, token_sha256, created_by, expires_at)
                    values (?, ?, ?, (select id from operator where username = ?), ?) returning id""")
                    .params(name, operatorId, hash(token), admin, expires == null ? null : Timestamp.from(expires))
                    .query(Long.class).single();
            ca.audit().record(AuditEvent.success(admin, "apiToken.create", "apiToken:" + made, Map.of(
                    "name", name, "operator", String.valueOf(operatorId), "expiresAt", expires == null ? "" : expires.toString())));
            return made;
        });
        return new Created(id, name, token);
    }

    /** An account a token can act as, for the administrator's choice. */
    public record Account(long id, String username, String centre, String roles, long centreId) {
    }

    /** Every enabled operator account, by centre. */
    public List<Account> accounts() {
        return jdbc.sql("""
                select o.id, o.username, c.code, array_to_string(o.roles, ', '), c.id from operator o
                join service_centre c on c.id = o.centre_id where o.enabled order by c.code, o.username""")
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5))).list();
    }

    /** Whether a token of this name exists already (names are unique, to tell tokens apart in lists and the audit). */
    public boolean nameTaken(String name) {
        return jdbc.sql("select count(*) from api_token where name = ?").param(name).query(Long.class).single() > 0;
    }

    private static final String LISTED = """
            select t.id, t.name, o.username, c.code, b.username, t.created_at, t.expires_at, t.last_used_at, t.revoked
            from api_token t join operator o on o.id = t.operator_id join service_centre c on c.id = o.centre_id
            left join operator b on b.id = t.created_by where (? or o.centre_id = ?) and (? = 0 or t.id = ?)
            order by t.revoked, t.created_at desc, t.id desc""";

    /** Every centre's tokens (the administration page). */
    public List<Listed> list() {
        return listed(true, 0, 0);
    }

    /** The tokens acting as one centre's accounts (the API, where an administrator manages their own centre's). */
    public List<Listed> ofCentre(long centreId) {
        return listed(false, centreId, 0);
    }

    /** One token of a centre's accounts. */
    public Optional<Listed> ofCentre(long centreId, long id) {
        return id <= 0 ? Optional.empty() : listed(false, centreId, id).stream().findFirst();
    }

    /** The enabled operator accounts of one centre, which its administrator may make tokens for. */
    public List<Account> accounts(long centreId) {
        return accounts().stream().filter(a -> a.centreId() == centreId).toList();
    }

    /** Tokens of every centre or one; {@code id} 0 for all of them. */
    private List<Listed> listed(boolean everyCentre, long centreId, long id) {
        return jdbc.sql(LISTED).params(everyCentre, centreId, id, id)
                .query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)), rs.getBoolean(9)))
                .list();
    }

    /** Revokes a token at once: the next call with it is a 401. False when there is no such token still working. */
    public boolean revoke(String admin, long id) {
        return Boolean.TRUE.equals(tx.execute(s -> {
            int changed = jdbc.sql("update api_token set revoked = true, revoked_at = ? where id = ? and not revoked")
                    .params(Timestamp.from(clock.instant()), id).update();
            if (changed == 1) {
                ca.audit().record(AuditEvent.success(admin, "apiToken.revoke", "apiToken:" + id, Map.of()));
            }
            return changed == 1;
        }));
    }

    /** The operator a presented token acts as: a token not revoked, not expired, of an enabled account. */
    public Optional<OperatorUser> authenticate(String token) {
        Instant now = clock.instant();
        record Found(long tokenId, Instant lastUsed, OperatorUser user) {
        }
        Optional<Found> found = jdbc.sql("""
                select t.id, t.last_used_at, o.id, o.username, o.full_name, o.centre_id, o.roles from api_token t
                join operator o on o.id = t.operator_id
                where t.token_sha256 = ? and not t.revoked and (t.expires_at is null or t.expires_at > ?) and o.enabled""")
                .params(hash(token), Timestamp.from(now))
                .query((rs, n) -> {
                    Array roles = rs.getArray(7);
                    var set = Arrays.stream((String[]) roles.getArray()).map(Actor.Role::valueOf)
                            .collect(Collectors.toUnmodifiableSet());
                    return new Found(rs.getLong(1), instant(rs.getTimestamp(2)), new OperatorUser(
                            new Actor(rs.getLong(3), rs.getString(4), rs.getLong(6), set), rs.getString(5), true));
                })
                .optional();
        found.filter(f -> f.lastUsed() == null || f.lastUsed().plus(LAST_USE_PRECISION).isBefore(now))
                .ifPresent(f -> jdbc.sql("update api_token set last_used_at = ? where id = ?")
                        .params(Timestamp.from(now), f.tokenId()).update());
        return found.map(Found::user);
    }

    private static byte[] hash(String token) {
        return Certificates.sha256(token.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
