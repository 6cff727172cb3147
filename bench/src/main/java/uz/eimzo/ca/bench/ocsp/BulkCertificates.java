package uz.eimzo.ca.bench.ocsp;

import org.postgresql.PGConnection;
import uz.eimzo.ca.testing.TestDatabase;

import java.io.Reader;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.Arrays;
import java.util.HexFormat;

/** The scale bench's certificates, bulk-inserted: {@link OcspScaleBench#serial(int)}, every tenth revoked. */
final class BulkCertificates {

    // Rows are numbered in 24 bits when the COPY is sorted by serial.
    static final int MAX_CERTIFICATES = 1 << 24;

    private BulkCertificates() {
    }

    /**
     * COPY in CSV; bytea columns in hex; only the columns the responder reads carry real values. Rows go in ascending
     * serial order (as near as the top 39 bits sort them), so the primary key and the two hash indexes (which hold the
     * serial's bytes here) grow at their right edge instead of at random places: at 10,000,000 a random-order COPY
     * spends its time in index pages going in and out of shared buffers.
     */
    static void insert(TestDatabase db, int caId, int certificates) throws Exception {
        if (certificates > MAX_CERTIFICATES) {
            throw new IllegalArgumentException("at most " + MAX_CERTIFICATES + " certificates");
        }
        long[] order = new long[certificates];
        for (int i = 0; i < certificates; i++) {
            order[i] = (OcspScaleBench.serial(i).shiftRight(64 + 24).longValue() << 24) | i;
        }
        Arrays.sort(order);
        try (Connection connection = db.dataSource().getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            HexFormat hex = HexFormat.of();
            pg.getCopyAPI().copyIn("""
                    copy certificate (ca_id, serial, status, subject_dn, not_before, not_after, profile, requester,
                        public_key_sha256, tbs, der, sha256, issued_at, revoked_at, revocation_reason) from stdin (format csv)""",
                    new Reader() {
                        private int next;
                        private final StringBuilder buffer = new StringBuilder();
                        private int position;

                        @Override
                        public int read(char[] into, int offset, int length) {
                            while (position == buffer.length()) {
                                if (next == certificates) {
                                    return -1;
                                }
                                buffer.setLength(0);
                                position = 0;
                                for (int k = 0; k < 1000 && next < certificates; k++, next++) {
                                    int i = (int) (order[next] & (MAX_CERTIFICATES - 1));
                                    BigInteger serial = OcspScaleBench.serial(i);
                                    String key = "\\x" + hex.formatHex(serial.toByteArray());
                                    boolean revoked = OcspScaleBench.revoked(i);
                                    buffer.append(caId).append(',').append(serial).append(',')
                                            .append(revoked ? "REVOKED" : "GOOD").append(",CN=bench ").append(i)
                                            .append(",2026-01-01 00:00:00+00,2028-01-01 00:00:00+00,individual,bench,")
                                            .append(key).append(",\\x00,\\x00,").append(key).append(",2026-01-01 00:00:00+00,")
                                            .append(revoked ? "2026-06-01 00:00:00+00,1" : ",").append('\n');
                                }
                            }
                            int n = Math.min(length, buffer.length() - position);
                            buffer.getChars(position, position + n, into, offset);
                            position += n;
                            return n;
                        }

                        @Override
                        public void close() {
                        }
                    });
        }
    }
}
