package uz.eimzo.ca.revocation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Lifecycle of a certificate row: recorded before signing, then good, suspended (hold) or revoked. */
public enum CertificateStatus {
    /** Recorded and linted; signing has not completed. Never served, never returned. */
    PENDING,
    GOOD,
    /** Suspended (certificateHold): may be restored. */
    HOLD,
    REVOKED;

    /**
     * The statuses as SQL literals, e.g. {@code 'REVOKED', 'HOLD'}, for a predicate a partial index must match
     * ({@code certificate_revoked}, {@code certificate_not_after}): a bound parameter would hide the value from the
     * generic plan PostgreSQL settles on for a prepared statement, which then scans the whole table. Only enum names
     * reach the SQL text, never input.
     */
    public static String sql(CertificateStatus... statuses) {
        return Arrays.stream(statuses).map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
