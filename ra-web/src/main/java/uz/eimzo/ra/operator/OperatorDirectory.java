package uz.eimzo.ra.operator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.PersonalDataCipher;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store of operator accounts and the service centres they work in: lookup, lockout bookkeeping, TOTP secrets
 * (sealed with the personal-data key), and the administrator's changes, each audited in its own transaction.
 */
@Component
public class OperatorDirectory {

    /** An account as the administration page lists it. */
    public record OperatorRow(long id, String username, String fullName, String centre, String roles, boolean enabled,
                              boolean enrolled, boolean locked) {
    }

    /** A service centre as listed. */
    public record CentreRow(long id, String code, String name, boolean individualsNeedApproval) {
    }

    /** An account's name and its centre's code, as a client certificate names them. */
    public record Named(String username, String centreCode) {
    }

    /** What an administrator may change on another account, by the path segment that asks for it. */
    public enum AccountChange {
        UNLOCK("unlock", "update operator set failed_attempts = 0, locked_until = null where id = ?"),
        DISABLE("disable", "update operator set enabled = false where id = ?"),
        ENABLE("enable", "update operator set enabled = true where id = ?"),
        RESET_AUTHENTICATOR("reset-authenticator", "update operator set totp_confirmed = false where id = ?");

        private final String path;
        private final String sql;

        AccountChange(String path, String sql) {
            this.path = path;
            this.sql = sql;
        }

        public String path() {
            return path;
        }

        public static Optional<AccountChange> of(String path) {
            return Arrays.stream(values()).filter(c -> c.path.equals(path)).findFirst();
        }
    }

    /** Failed sign-ins in a row that lock an account, and for how long. */
    public static final int LOCK_AFTER = 5;
    public static final Duration LOCK_FOR = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public OperatorDirectory(JdbcClient jdbc, PersonalDataCipher cipher, DataSource dataSource, CaServices ca) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.audit = ca.audit();
    }

    public List<OperatorRow> listing() {
        return jdbc.sql("""
                select o.id, o.username, o.full_name, c.code, array_to_string(o.roles, ', '), o.enabled, o.totp_confirmed,
                       coalesce(o.locked_until > now(), false)
                from operator o join service_centre c on c.id = o.centre_id order by c.code, o.username""")
                .query((rs, n) -> new OperatorRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8))).list();
    }

    public List<CentreRow> centres() {
        return jdbc.sql("select id, code, name, individuals_need_approval from service_centre order by code")
                .query((rs, n) -> new CentreRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list();
    }

    public Optional<Named> named(long id) {
        return jdbc.sql("select o.username, c.code from operator o join service_centre c on c.id = o.centre_id where o.id = ?")
                .param(id).query((rs, n) -> new Named(rs.getString(1), rs.getString(2))).optional();
    }

    /** Creates a centre (a code already taken is left as it is) and audits it. */
    public void createCentre(String admin, String code, String name, boolean individualsNeedApproval) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("insert into service_centre (code, name, individuals_need_approval) values (?, ?, ?) on conflict (code) do nothing")
                    .params(code, name, individualsNeedApproval).update();
            audit.record(AuditEvent.success(admin, "centre.create", "centre:" + code,
                    Map.of("approvalForIndividuals", String.valueOf(individualsNeedApproval))));
        });
    }

    /** A centre created at the demo's first start; its id. */
    public long createDemoCentre(String code, String name, String region) {
        return jdbc.sql("insert into service_centre (code, name, region) values (?, ?, ?) returning id")
                .params(code, name, region).query(Long.class).single();
    }

    public void setApprovalPolicy(String admin, long centreId, boolean individualsNeedApproval) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("update service_centre set individuals_need_approval = ? where id = ?")
                    .params(individualsNeedApproval, centreId).update();
            audit.record(AuditEvent.success(admin, "centre.approvalPolicy", "centre:" + centreId,
                    Map.of("individualsNeedApproval", String.valueOf(individualsNeedApproval))));
        });
    }

    /** Creates an account and audits it in one transaction. */
    public void create(String admin, long centreId, String username, String fullName, Set<Actor.Role> roles,
                       String passwordHash) {
        tx.executeWithoutResult(s -> {
            create(centreId, username, fullName, roles, passwordHash);
            audit.record(AuditEvent.success(admin, "operator.create", "operator:" + username,
                    Map.of("roles", roles.toString(), "centre", String.valueOf(centreId))));
        });
    }

    public void change(String admin, long id, AccountChange change) {
        tx.executeWithoutResult(s -> {
            jdbc.sql(change.sql).param(id).update();
            audit.record(AuditEvent.success(admin, "operator." + change.path(), "operator:" + id, Map.of()));
        });
    }

    /** Registers the account's client certificate (its SHA-256 only) and audits it. */
    public void setClientCertificate(String admin, long id, String username, byte[] sha256, String serialHex) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("update operator set client_cert_sha256 = ? where id = ?").params(sha256, id).update();
            audit.record(AuditEvent.success(admin, "operator.clientCertificate", "operator:" + username,
                    Map.of("serial", serialHex)));
        });
    }

    /** The enabled account an unrevoked API token with this SHA-256 acts as. */
    public Optional<OperatorAccount> byApiToken(byte[] tokenSha256) {
        return jdbc.sql("""
                select o.* from api_token t join operator o on o.id = t.operator_id
                where t.token_sha256 = ? and not t.revoked and o.enabled""")
                .param(tokenSha256).query(OperatorDirectory::map).optional();
    }

    /** An API token for an account; only its SHA-256 is kept. */
    public void createApiToken(String name, long operatorId, byte[] tokenSha256) {
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params(name, operatorId, tokenSha256).update();
    }

    public Optional<OperatorAccount> byUsername(String username) {
        return jdbc.sql("select * from operator where username = ?").param(username).query(OperatorDirectory::map).optional();
    }

    /** The account whose client certificate has this SHA-256. */
    public Optional<OperatorAccount> byClientCertificate(byte[] sha256) {
        return jdbc.sql("select * from operator where client_cert_sha256 = ?").param(sha256)
                .query(OperatorDirectory::map).optional();
    }

    /** Counts a failure; the fifth in a row locks the account for {@link #LOCK_FOR}. */
    public void recordFailure(long id, Instant now) {
        jdbc.sql("""
                update operator set failed_attempts = failed_attempts + 1,
                    locked_until = case when failed_attempts + 1 >= ? then ? else locked_until end
                where id = ?""")
                .params(LOCK_AFTER, Timestamp.from(now.plus(LOCK_FOR)), id).update();
    }

    /**
     * Resets the failure count and remembers the TOTP step used; false when that step (or a later one) was
     * already used, i.e. the code is being replayed.
     */
    public boolean recordSuccess(long id, long totpStep, Instant now) {
        return jdbc.sql("""
                update operator set failed_attempts = 0, locked_until = null, last_sign_in = ?,
                    totp_last_step = greatest(totp_last_step, ?)
                where id = ? and (? = 0 or totp_last_step < ?)""")
                .params(Timestamp.from(now), totpStep, id, totpStep, totpStep).update() == 1;
    }

    public long create(long centreId, String username, String fullName, Set<Actor.Role> roles, String passwordHash) {
        byte[] secret = Totp.newSecret();
        return jdbc.sql("""
                insert into operator (centre_id, username, full_name, roles, password_hash, totp_secret)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(centreId, username, fullName, roles.stream().map(Enum::name).toArray(String[]::new), passwordHash,
                        cipher.encrypt(secret, "totp:" + username))
                .query(Long.class).single();
    }

    public byte[] totpSecret(OperatorAccount account) {
        return cipher.decrypt(account.totpSecretSealed(), "totp:" + account.username());
    }

    public void confirmTotp(long id) {
        jdbc.sql("update operator set totp_confirmed = true where id = ?").param(id).update();
    }

    private static OperatorAccount map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        Timestamp locked = rs.getTimestamp("locked_until");
        return new OperatorAccount(rs.getLong("id"), rs.getLong("centre_id"), rs.getString("username"),
                rs.getString("full_name"),
                Arrays.stream((String[]) roles.getArray()).map(Actor.Role::valueOf).collect(Collectors.toUnmodifiableSet()),
                rs.getString("password_hash"), rs.getBytes("totp_secret"), rs.getBoolean("totp_confirmed"),
                rs.getInt("failed_attempts"), locked == null ? null : locked.toInstant(), rs.getBoolean("enabled"));
    }
}
