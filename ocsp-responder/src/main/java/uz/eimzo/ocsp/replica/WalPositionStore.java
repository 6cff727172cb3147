package uz.eimzo.ocsp.replica;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a PostgreSQL server is in its write-ahead log, as one comparable number: the primary's insert position and a
 * standby's replayed position, which {@link ReadRouting} compares to decide whether the replica may answer.
 */
record WalPositionStore(JdbcClient server) {

    // Where WAL is inserted, not where it was written: an asynchronous commit is visible before it is written.
    private static final String INSERTED = "select pg_current_wal_insert_lsn()::text";
    // A standby's replayed position; a server that is not a standby (the primary itself, say) is as current as it gets.
    private static final String REPLAYED = "select coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text";

    /** The primary's position: every change committed so far lies before it. */
    long inserted() {
        return position(server.sql(INSERTED).query(String.class).single());
    }

    /** How far a standby has replayed the primary's log (a primary's own position when it is not a standby). */
    long replayed() {
        return position(server.sql(REPLAYED).query(String.class).single());
    }

    /** A pg_lsn's text form, {@code 16/B374D848}, as one unsigned 64-bit number (positive for any real position). */
    static long position(String lsn) {
        int slash = lsn.indexOf('/');
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
