package uz.eimzo.ca.issuance;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Which external CAs' certificates were renewed here ({@code external_renewal}): each renews once. A claim is taken
 * before issuing, released if issuance fails, and completed with the certificate we issued.
 */
public final class ExternalRenewalStore {

    private final JdbcClient jdbc;

    public ExternalRenewalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the certificate was already claimed (renewed, or being renewed). */
    boolean claim(byte[] sha256, int recognisedCaId, BigInteger externalSerial, Instant at) {
        return jdbc.sql("""
                        insert into external_renewal (cert_sha256, recognised_ca_id, external_serial, claimed_at)
                        values (?, ?, ?, ?) on conflict do nothing""")
                .params(sha256, recognisedCaId, new BigDecimal(externalSerial), Timestamp.from(at)).update() == 1;
    }

    void release(byte[] sha256) {
        jdbc.sql("delete from external_renewal where cert_sha256 = ? and ca_id is null").param(sha256).update();
    }

    void complete(byte[] sha256, int caId, BigInteger serial) {
        jdbc.sql("update external_renewal set ca_id = ?, serial = ? where cert_sha256 = ?")
                .params(caId, new BigDecimal(serial), sha256).update();
    }
}
