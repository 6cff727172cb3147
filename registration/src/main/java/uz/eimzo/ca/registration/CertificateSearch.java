package uz.eimzo.ca.registration;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.revocation.CertificateStatus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Finds certificates for operators: by PINFL, STIR, name or serial, and those expiring soon; scoped to the centre. */
public final class CertificateSearch {

    /** One line of a certificate list; the serial in hexadecimal, as certificates and tools print it. */
    public record Hit(String caName, String serial, String subject, String status, Instant notBefore, Instant notAfter,
                      String profile, String pinfl, String stir) {
    }

    private static final String SELECT = """
            select ca.name, c.serial, c.subject_dn, c.status, c.not_before, c.not_after, c.profile, c.pinfl, c.stir
            from certificate c join ca on ca.id = c.ca_id
            left join certificate_request r on r.id = c.request_id
            where c.status <> ? and c.profile <> 'sub-ca'
              and (? or r.centre_id = ?)""";

    /** Never listed: a PENDING row is a certificate being signed, not one that exists. */
    private static final String PENDING = CertificateStatus.PENDING.name();

    private final JdbcClient jdbc;

    public CertificateSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Interprets the query: 14 digits a PINFL, 9 digits a STIR, hex a serial, anything else part of a name. */
    public List<Hit> search(Actor actor, String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return jdbc.sql(SELECT + " order by c.not_before desc limit ?").params(PENDING, all(actor), actor.centreId(), limit)
                    .query(this::hit).list();
        }
        if (q.matches("[0-9]{14}")) {
            return jdbc.sql(SELECT + " and c.pinfl = ? order by c.not_before desc limit ?")
                    .params(PENDING, all(actor), actor.centreId(), q, limit).query(this::hit).list();
        }
        if (q.matches("[0-9]{9}")) {
            return jdbc.sql(SELECT + " and c.stir = ? order by c.not_before desc limit ?")
                    .params(PENDING, all(actor), actor.centreId(), q, limit).query(this::hit).list();
        }
        if (q.matches("(?i)(0x)?[0-9a-f]{8,40}")) {
            BigInteger serial = new BigInteger(q.replaceFirst("(?i)^0x", ""), 16);
            return jdbc.sql(SELECT + " and c.serial = ? limit ?")
                    .params(PENDING, all(actor), actor.centreId(), new BigDecimal(serial), limit).query(this::hit).list();
        }
        String like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(SELECT + " and c.subject_dn ilike ? order by c.not_before desc limit ?")
                .params(PENDING, all(actor), actor.centreId(), like, limit).query(this::hit).list();
    }

    /** Good certificates whose validity ends before {@code until}, soonest first: for follow-up calls. */
    public List<Hit> expiring(Actor actor, Instant now, Instant until, int limit) {
        // Written into the SQL, not bound: the partial index certificate_not_after must see it.
        return jdbc.sql(SELECT + " and c.status = " + CertificateStatus.sql(CertificateStatus.GOOD)
                        + " and c.not_after between ? and ? order by c.not_after limit ?")
                .params(PENDING, all(actor), actor.centreId(), Timestamp.from(now), Timestamp.from(until), limit)
                .query(this::hit).list();
    }

    /**
     * The serial named by a page or API path (hexadecimal), if the operator may see that certificate; otherwise
     * the same refusal as for one that does not exist, so other centres' certificates are not even confirmed.
     */
    public BigInteger requireVisible(Actor actor, String caName, String serialHex) {
        BigInteger serial;
        try {
            serial = new BigInteger(serialHex, 16);
        } catch (NumberFormatException e) {
            throw new RegistrationException("request.unknown", "No such certificate");
        }
        if (!visible(actor, caName, serial)) {
            throw new RegistrationException("request.unknown", "No such certificate");
        }
        return serial;
    }

    /** Whether the operator may see this certificate (administrators: all; others: their centre's). */
    public boolean visible(Actor actor, String caName, BigInteger serial) {
        return jdbc.sql(SELECT + " and ca.name = ? and c.serial = ?")
                .params(PENDING, all(actor), actor.centreId(), caName, new BigDecimal(serial)).query(this::hit).optional().isPresent();
    }

    private static boolean all(Actor actor) {
        return actor.has(Actor.Role.ADMINISTRATOR);
    }

    private Hit hit(ResultSet rs, int row) throws SQLException {
        return new Hit(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact().toString(16), rs.getString(3), rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8),
                rs.getString(9));
    }
}
