package uz.eimzo.ocsp.status;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ocsp.replica.ReadRouting;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads certificate statuses from the CA's table with the responder's read-only role, on the replica when that is safe. */
public final class StatusRepository {

    private final ReadRouting reads;

    public StatusRepository(JdbcClient jdbc) {
        this(ReadRouting.primaryOnly(jdbc));
    }

    public StatusRepository(ReadRouting reads) {
        this.reads = reads;
    }

    /** The state of each serial under one CA; serials we have no issued certificate for come back UNKNOWN. */
    public Map<BigInteger, CertificateState> find(int caId, List<BigInteger> serials) {
        return reads.statuses(caId, serials, jdbc -> find(jdbc, caId, serials));
    }

    private static Map<BigInteger, CertificateState> find(JdbcClient jdbc, int caId, List<BigInteger> serials) {
        Map<BigInteger, CertificateState> states = new HashMap<>();
        BigDecimal[] wanted = serials.stream().map(BigDecimal::new).toArray(BigDecimal[]::new);
        jdbc.sql("""
                select serial, status, revoked_at, revocation_reason from certificate
                where ca_id = ? and serial = any(?) and status <> 'PENDING'""")
                .params(caId, wanted)
                .query(rs -> {
                    BigInteger serial = rs.getBigDecimal("serial").toBigIntegerExact();
                    var revokedAt = rs.getTimestamp("revoked_at");
                    int reason = rs.getInt("revocation_reason");
                    Integer code = rs.wasNull() ? null : reason;
                    states.put(serial, new CertificateState(serial, rs.getString("status"),
                            revokedAt == null ? null : revokedAt.toInstant(), code));
                });
        for (BigInteger serial : serials) {
            states.putIfAbsent(serial, CertificateState.unknown(serial));
        }
        return states;
    }
}
