package uz.eimzo.ca.checkpoints;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.ResultSet;

/**
 * The time-stamp authority's token ledger (table {@code timestamp_token}, chained by migration V30) as the audit
 * checkpoints see it: the seq and hash of rows not yet covered, the rows now against what a checkpoint signed, and
 * the walk of the hash chain. The row hash is computed by the database's {@code timestamp_token_hash}, the one
 * definition the insert trigger uses too.
 */
public final class TokenLedgerStore {

    /** A covered row in a checkpoint: 8-octet seq, 32-octet hash. */
    static final int ROW = 8 + 32;

    /** What a check found wrong: the token row by its position and serial (hex), and why. */
    public record Finding(long seq, String serial, String problem) {

        /** The sentence an auditor reads. */
        public String text() {
            return "time-stamp token " + serial + " (ledger row " + seq + ") " + problem;
        }
    }

    /** Token rows seq {@code first..last} with their seqs and hashes concatenated; count 0 when there are none. */
    record Covered(long first, long last, byte[] rows, int count) {
    }

    private final JdbcClient jdbc;

    public TokenLedgerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest token row a checkpoint covers, 0 when none does. */
    long lastCovered() {
        return jdbc.sql("select coalesce(max(last_token_seq), 0) from audit_checkpoint").query(Long.class).single();
    }

    /**
     * Up to {@code max} rows from seq {@code from} on. Positions are handed out in commit order (the insert trigger
     * holds a lock to the commit), so no row committed later can take a position this skips.
     */
    Covered uncovered(long from, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] range = {0, 0};
        int[] count = {0};
        jdbc.sql("select seq, hash from timestamp_token where seq >= ? order by seq limit ?").params(from, max)
                .query((ResultSet rs) -> {
                    long seq = rs.getLong(1);
                    if (count[0]++ == 0) {
                        range[0] = seq;
                    }
                    range[1] = seq;
                    out.writeBytes(ByteBuffer.allocate(8).putLong(seq).array());
                    out.writeBytes(rs.getBytes(2));
                });
        return new Covered(range[0], range[1], out.toByteArray(), count[0]);
    }

    /** The rows {@code first..last} as they are now against the seqs and hashes checkpoint {@code id} signed. */
    Finding compare(long checkpoint, long first, long last, byte[] signed) {
        ByteBuffer expected = ByteBuffer.wrap(signed);
        Finding[] found = {null};
        jdbc.sql("select seq, serial, hash from timestamp_token where seq between ? and ? order by seq").params(first, last)
                .query((ResultSet rs) -> {
                    if (found[0] != null) {
                        return;
                    }
                    long seq = rs.getLong(1);
                    String serial = hex(rs.getBigDecimal(2));
                    long expectedSeq = expected.remaining() >= ROW ? expected.getLong(expected.position()) : Long.MAX_VALUE;
                    if (expectedSeq < seq) {
                        found[0] = gone(expectedSeq, checkpoint);
                    } else if (expectedSeq > seq) {
                        found[0] = new Finding(seq, serial, "was not in the ledger when checkpoint " + checkpoint
                                + " was signed (a row was inserted)");
                    } else {
                        expected.position(expected.position() + 8);
                        byte[] signedHash = new byte[32];
                        expected.get(signedHash);
                        if (!MessageDigest.isEqual(rs.getBytes(3), signedHash)) {
                            found[0] = new Finding(seq, serial, "no longer has the hash checkpoint " + checkpoint
                                    + " signed (the row was edited)");
                        }
                    }
                });
        if (found[0] == null && expected.remaining() >= ROW) {
            found[0] = gone(expected.getLong(expected.position()), checkpoint);
        }
        return found[0];
    }

    private static Finding gone(long seq, long checkpoint) {
        return new Finding(seq, "?", "that checkpoint " + checkpoint + " signed is gone (rows were removed)");
    }

    /**
     * Walks the chain from the first row: the first whose content no longer matches its hash (edited), or whose
     * previous hash is not the row before it's (removed or reordered); null when the chain holds. An edit whose chain
     * was recomputed after it keeps the chain whole: the checkpoints reveal that one.
     */
    public Finding walk() {
        byte[][] previous = {new byte[32]};
        Finding[] broken = {null};
        jdbc.sql("""
                select seq, serial, prev_hash, hash,
                       timestamp_token_hash(prev_hash, seq, serial, gen_time, policy, imprint_algorithm, imprint, nonce,
                                            tsa, signer_serial, recorded_at) as expected
                from timestamp_token order by seq""")
                .query((ResultSet rs) -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long seq = rs.getLong("seq");
                    String serial = hex(rs.getBigDecimal("serial"));
                    byte[] hash = rs.getBytes("hash");
                    if (!MessageDigest.isEqual(rs.getBytes("prev_hash"), previous[0])) {
                        broken[0] = new Finding(seq, serial, "does not follow the row before it (a row was removed or reordered)");
                    } else if (!MessageDigest.isEqual(hash, rs.getBytes("expected"))) {
                        broken[0] = new Finding(seq, serial, "no longer matches its hash (the row was edited)");
                    } else {
                        previous[0] = hash;
                    }
                });
        return broken[0];
    }

    /** Token rows in the ledger. */
    public long count() {
        return jdbc.sql("select count(*) from timestamp_token").query(Long.class).single();
    }

    private static String hex(BigDecimal serial) {
        return serial.toBigIntegerExact().toString(16);
    }
}
