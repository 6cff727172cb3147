package uz.eimzo.ca.checkpoints;

import uz.eimzo.ca.audit.CheckpointFinding;
import uz.eimzo.ca.audit.SignatureAlarms;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.signing.SignatureNotVerified;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Signs the head of the audit chain with a CA key, and checks the checkpoints. A checkpoint signs the id and hash of
 * every row since the previous checkpoint, so a check names the first row whose stored hash is not the one signed
 * (edited, even with the chain recomputed after it), a row that is gone (cut off the end, deleted) or one that was
 * not there. It covers the time-stamp authority's token ledger the same way ({@link TokenLedgerStore}). Rows after the
 * newest checkpoint are the undetectable tail: {@link CheckpointCadence} bounds it.
 */
public final class AuditCheckpoints {

    /** One checkpoint covers at most this many rows, so a long unsigned history is signed in bounded pieces. */
    static final int MAX_ROWS = 10_000;
    private static final int ROW = 8 + 32;

    /**
     * What a checkpoint check found: how many held, and the first that did not (null when all held).
     *
     * @param firstBrokenEventId the audit row the broken checkpoint names, or null when its signature is what failed
     */
    public record Result(int checkpointsChecked, Long firstBrokenCheckpoint, Long firstBrokenEventId, String problem)
            implements CheckpointFinding {
        public boolean intact() {
            return firstBrokenCheckpoint == null;
        }
    }

    private final JdbcClient jdbc;
    private final CaDirectory cas;
    private final CaSigner signer;
    private final Clock clock;
    private final SignatureAlarms alarms;
    private final TokenLedgerStore tokens;

    /** Checkpoints whose signing failures are raised through {@code alarms}. */
    public AuditCheckpoints(JdbcClient jdbc, CaDirectory cas, CaSigner signer, Clock clock, SignatureAlarms alarms) {
        this.jdbc = jdbc;
        this.cas = cas;
        this.signer = signer;
        this.clock = clock;
        this.alarms = alarms;
        this.tokens = new TokenLedgerStore(jdbc);
    }

    /**
     * Signs every row not yet covered, up to the newest, with the CA's key (in pieces of at most {@value #MAX_ROWS}
     * rows), audit rows and time-stamp token rows alike; empty when there is nothing new. Each signature is verified with the CA certificate's key before the
     * checkpoint is stored; one that does not verify stores nothing and raises the alarm.
     *
     * @return the id of the newest checkpoint stored
     */
    public Optional<Long> checkpoint(String caName) {
        CertificateAuthority ca = cas.require(caName);
        Optional<Long> stored = Optional.empty();
        while (true) {
            long from = lastCovered() + 1;
            Covered rows = covered(from);
            TokenLedgerStore.Covered newTokens = tokens.uncovered(tokens.lastCovered() + 1, MAX_ROWS);
            if (rows.count() == 0 && newTokens.count() == 0) {
                return stored;
            }
            stored = Optional.of(sign(ca, rows, newTokens));
        }
    }

    /** The id of the newest audit row a checkpoint covers, 0 when there is none. */
    public long lastCovered() {
        return jdbc.sql("select coalesce(max(last_event_id), 0) from audit_checkpoint").query(Long.class).single();
    }

    private record Covered(long first, long last, byte[] lastHash, byte[] rows, int count) {
    }

    private Covered covered(long from) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] ids = {0, 0};
        byte[][] lastHash = {null};
        int[] count = {0};
        jdbc.sql("select id, hash from audit_event where id >= ? order by id limit ?").params(from, MAX_ROWS)
                .query((ResultSet rs) -> {
                    long id = rs.getLong(1);
                    byte[] hash = rs.getBytes(2);
                    if (count[0]++ == 0) {
                        ids[0] = id;
                    }
                    ids[1] = id;
                    lastHash[0] = hash;
                    out.writeBytes(ByteBuffer.allocate(8).putLong(id).array());
                    out.writeBytes(hash);
                });
        if (count[0] == 0) {
            // Only tokens are new: an empty range after the last covered row, which it still vouches for.
            byte[] last = jdbc.sql("select hash from audit_event where id = ?").param(from - 1).query(byte[].class)
                    .optional().orElse(new byte[32]);
            return new Covered(from, from - 1, last, new byte[0], 0);
        }
        return new Covered(ids[0], ids[1], lastHash[0], out.toByteArray(), count[0]);
    }

    private long sign(CertificateAuthority ca, Covered rows, TokenLedgerStore.Covered newTokens) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean withTokens = newTokens.count() > 0;
        byte[] statement = statement(rows.first(), rows.last(), rows.lastHash(), rows.rows(), at);
        if (withTokens) {
            statement = withTokens(statement, newTokens.first(), newTokens.last(), newTokens.rows());
        }
        CaSigner.CheckpointSignature signed;
        try {
            signed = signer.checkpoint(ca, statement);
        } catch (SignatureNotVerified e) {
            throw alarms.raise(SignatureAlarms.Kind.AUDIT_CHECKPOINT, ca.name(),
                    Map.of("firstEventId", String.valueOf(rows.first()), "lastEventId", String.valueOf(rows.last())));
        }
        return jdbc.sql("""
                insert into audit_checkpoint (at, first_event_id, last_event_id, last_hash, row_hashes, ca_id,
                                              signature_algorithm, signature, first_token_seq, last_token_seq,
                                              token_hashes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(Timestamp.from(at), rows.first(), rows.last(), rows.lastHash(), rows.rows(), ca.id(),
                        signed.algorithm(), signed.signature(), withTokens ? newTokens.first() : null,
                        withTokens ? newTokens.last() : null, withTokens ? newTokens.rows() : null)
                .query(Long.class).single();
    }

    /** Checks every checkpoint in order and stops at the first that does not hold. */
    public Result verify() {
        int[] checked = {0};
        Result[] broken = {null};
        jdbc.sql("""
                select id, at, first_event_id, last_event_id, last_hash, row_hashes, ca_id, signature_algorithm, signature,
                       first_token_seq, last_token_seq, token_hashes
                from audit_checkpoint order by id""")
                .query((ResultSet rs) -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long id = rs.getLong("id");
                    long first = rs.getLong("first_event_id");
                    boolean withRows = !rs.wasNull();
                    long last = rs.getLong("last_event_id");
                    byte[] hash = rs.getBytes("last_hash");
                    byte[] rows = rs.getBytes("row_hashes");
                    Instant at = rs.getTimestamp("at").toInstant();
                    byte[] statement = withRows ? statement(first, last, hash, rows, at) : legacyStatement(last, hash, at);
                    long firstToken = rs.getLong("first_token_seq");
                    boolean withTokens = !rs.wasNull();
                    long lastToken = rs.getLong("last_token_seq");
                    byte[] tokenRows = rs.getBytes("token_hashes");
                    if (withTokens) {
                        statement = withTokens(statement, firstToken, lastToken, tokenRows);
                    }
                    CertificateAuthority ca = cas.byId(rs.getInt("ca_id")).orElse(null);
                    if (ca == null || !signatureHolds(ca, rs.getString("signature_algorithm"), statement, rs.getBytes("signature"))) {
                        broken[0] = new Result(checked[0], id, null,
                                "its signature does not verify (the checkpoint was forged or edited)");
                        return;
                    }
                    broken[0] = withRows ? compareRows(id, first, last, rows, checked[0]) : compareLast(id, last, hash, checked[0]);
                    if (broken[0] == null && withTokens) {
                        TokenLedgerStore.Finding token = tokens.compare(id, firstToken, lastToken, tokenRows);
                        broken[0] = token == null ? null : new Result(checked[0], id, null, token.text());
                    }
                    if (broken[0] == null) {
                        checked[0]++;
                    }
                });
        return broken[0] != null ? broken[0] : new Result(checked[0], null, null, null);
    }

    /** The rows as they are now against the ids and hashes the checkpoint signed; the first difference by row id. */
    private Result compareRows(long checkpoint, long first, long last, byte[] signed, int checked) {
        ByteBuffer expected = ByteBuffer.wrap(signed);
        Result[] found = {null};
        jdbc.sql("select id, hash from audit_event where id between ? and ? order by id").params(first, last)
                .query((ResultSet rs) -> {
                    if (found[0] != null) {
                        return;
                    }
                    long id = rs.getLong(1);
                    byte[] hash = rs.getBytes(2);
                    long expectedId = expected.remaining() >= ROW ? expected.getLong(expected.position()) : Long.MAX_VALUE;
                    if (expectedId < id) {
                        found[0] = new Result(checked, checkpoint, expectedId, "audit row " + expectedId
                                + " that checkpoint " + checkpoint + " signed is gone (rows were removed)");
                    } else if (expectedId > id) {
                        found[0] = new Result(checked, checkpoint, id, "audit row " + id
                                + " was not in the log when checkpoint " + checkpoint + " was signed (a row was inserted)");
                    } else {
                        expected.position(expected.position() + 8);
                        byte[] signedHash = new byte[32];
                        expected.get(signedHash);
                        if (!MessageDigest.isEqual(hash, signedHash)) {
                            found[0] = new Result(checked, checkpoint, id, "audit row " + id
                                    + " no longer has the hash checkpoint " + checkpoint + " signed (the row was edited)");
                        }
                    }
                });
        if (found[0] == null && expected.remaining() >= ROW) {
            long gone = expected.getLong(expected.position());
            found[0] = new Result(checked, checkpoint, gone, "audit row " + gone + " that checkpoint " + checkpoint
                    + " signed is gone (rows were removed)");
        }
        return found[0];
    }

    /** A checkpoint from before row hashes were kept vouches for its last row only. */
    private Result compareLast(long checkpoint, long eventId, byte[] hash, int checked) {
        byte[] current = jdbc.sql("select hash from audit_event where id = ?").param(eventId)
                .query(byte[].class).optional().orElse(null);
        if (current == null || !MessageDigest.isEqual(current, hash)) {
            return new Result(checked, checkpoint, eventId, "audit row " + eventId
                    + (current == null ? " it signed is gone (rows were removed)" : " no longer has the hash it signed"));
        }
        return null;
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

    /** The exact bytes a checkpoint signs: its range, the last row's hash, the digest of every covered row, the time. */
    static byte[] statement(long firstEventId, long lastEventId, byte[] lastHash, byte[] rows, Instant at) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rows);
            return (CaSigner.CHECKPOINT_HEADER + firstEventId + "\n" + lastEventId + "\n" + HexFormat.of().formatHex(lastHash)
                    + "\n" + HexFormat.of().formatHex(digest) + "\n" + at).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A checkpoint that also covers token rows signs their range and the digest of their seqs and hashes after the rest. */
    static byte[] withTokens(byte[] statement, long firstSeq, long lastSeq, byte[] tokenRows) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tokenRows);
            byte[] tail = ("\ntime-stamp tokens\n" + firstSeq + "\n" + lastSeq + "\n" + HexFormat.of().formatHex(digest))
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(statement, statement.length + tail.length);
            System.arraycopy(tail, 0, all, statement.length, tail.length);
            return all;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What checkpoints made before row hashes were kept signed. */
    static byte[] legacyStatement(long eventId, byte[] hash, Instant at) {
        return ("E-IMZO audit checkpoint\n" + eventId + "\n" + HexFormat.of().formatHex(hash) + "\n" + at)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
