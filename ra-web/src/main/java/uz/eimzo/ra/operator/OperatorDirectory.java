package uz.eimzo.ra.operator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.PersonalDataCipher;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Operator accounts: lookup, lockout bookkeeping, TOTP secrets (sealed with the personal-data key). */
@Component
public class OperatorDirectory {

    /** Failed sign-ins in a row that lock an account, and for how long. */
    public static final int LOCK_AFTER = 5;
    public static final Duration LOCK_FOR = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    public OperatorDirectory(JdbcClient jdbc, PersonalDataCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Optional<OperatorAccount> byUsername(String username) {
        return jdbc.sql("select * from operator where username = ?").param(username).query(OperatorDirectory::map).optional();
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
