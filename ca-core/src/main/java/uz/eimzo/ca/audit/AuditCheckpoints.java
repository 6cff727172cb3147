package uz.eimzo.ca.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.SigningKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signs the head of the audit chain with a CA key at intervals, and checks the checkpoints: each signature holds
 * and the row it names still carries the hash it had, so rows removed from the end are noticed too.
 */
public final class AuditCheckpoints {

    /** What a checkpoint check found: how many held, and the first that did not (null when all held). */
    public record Result(int checkpointsChecked, Long firstBrokenCheckpoint, String problem) {
        public boolean intact() {
            return firstBrokenCheckpoint == null;
        }
    }

    private final JdbcClient jdbc;
    private final CaDirectory cas;
    private final KeyResolver keys;
    private final Clock clock;

    public AuditCheckpoints(JdbcClient jdbc, CaDirectory cas, KeyResolver keys, Clock clock) {
        this.jdbc = jdbc;
        this.cas = cas;
        this.keys = keys;
        this.clock = clock;
    }

    /** Signs the newest audit row's id and hash with the CA's key; empty when the log is empty. */
    public Optional<Long> checkpoint(String caName) {
        CertificateAuthority ca = cas.require(caName);
        var head = jdbc.sql("select id, hash from audit_event order by id desc limit 1")
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getBytes(2)}).optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        long id = (Long) head.get()[0];
        byte[] hash = (byte[]) head.get()[1];
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        SigningKey key = keys.open(ca.keyReference());
        byte[] signature = key.sign(statement(id, hash, at));
        return Optional.of(jdbc.sql("""
                insert into audit_checkpoint (at, last_event_id, last_hash, ca_id, signature_algorithm, signature)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(at), id, hash, ca.id(), key.signatureAlgorithm(), signature)
                .query(Long.class).single());
    }

    public Result verify() {
        int[] checked = {0};
        Result[] broken = {null};
        jdbc.sql("select id, at, last_event_id, last_hash, ca_id, signature_algorithm, signature from audit_checkpoint order by id")
                .query((java.sql.ResultSet rs) -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long id = rs.getLong("id");
                    long eventId = rs.getLong("last_event_id");
                    byte[] hash = rs.getBytes("last_hash");
                    Instant at = rs.getTimestamp("at").toInstant();
                    CertificateAuthority ca = cas.byId(rs.getInt("ca_id")).orElse(null);
                    if (ca == null || !signatureHolds(ca, rs.getString("signature_algorithm"), statement(eventId, hash, at),
                            rs.getBytes("signature"))) {
                        broken[0] = new Result(checked[0], id, "its signature does not verify (the checkpoint was forged or edited)");
                        return;
                    }
                    byte[] current = jdbc.sql("select hash from audit_event where id = ?").param(eventId)
                            .query(byte[].class).optional().orElse(null);
                    if (current == null || !MessageDigest.isEqual(current, hash)) {
                        broken[0] = new Result(checked[0], id, "audit row " + eventId
                                + (current == null ? " it signed is gone (rows were removed)" : " no longer has the hash it signed"));
                        return;
                    }
                    checked[0]++;
                });
        return broken[0] != null ? broken[0] : new Result(checked[0], null, null);
    }

    private static boolean signatureHolds(CertificateAuthority ca, String algorithm, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(ca.certificate().getPublicKey());
            verifier.update(data);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    /** The exact bytes a checkpoint signs. */
    static byte[] statement(long eventId, byte[] hash, Instant at) {
        return ("E-IMZO audit checkpoint\n" + eventId + "\n" + HexFormat.of().formatHex(hash) + "\n" + at)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
