package uz.eimzo.ca.crl;

import java.time.Duration;

/**
 * When CRLs are due and how long they are valid.
 *
 * @param fullEvery           a new full CRL this long after the last one
 * @param fullValidity        nextUpdate - thisUpdate of a full CRL (longer than fullEvery, so a late run is no outage)
 * @param deltaEvery          a new delta CRL this long after the last one
 * @param deltaValidity       nextUpdate - thisUpdate of a delta CRL
 * @param fullAfterRevocation once a status change is not yet on the newest full CRL, a new full CRL is due this long
 *                            after that full CRL (zero: at once). Relying parties that read only full CRLs see a
 *                            revocation within this time; a burst of revocations gives one full CRL per period.
 */
public record CrlSchedule(Duration fullEvery, Duration fullValidity, Duration deltaEvery, Duration deltaValidity,
                          Duration fullAfterRevocation) {

    /** Full CRL daily, or {@value #DEFAULT_FULL_AFTER_REVOCATION} after a revocation. */
    public static final String DEFAULT_FULL_AFTER_REVOCATION = "PT5M";

    public CrlSchedule {
        if (fullValidity.compareTo(fullEvery) < 0 || deltaValidity.compareTo(deltaEvery) < 0) {
            throw new IllegalArgumentException("A CRL must stay valid at least until the next one is due");
        }
        if (fullAfterRevocation.isNegative() || fullAfterRevocation.compareTo(fullEvery) > 0) {
            throw new IllegalArgumentException("A full CRL after a revocation is due between 0 and " + fullEvery
                    + " later, not " + fullAfterRevocation);
        }
    }

    /** Full CRL daily valid for 7 days, delta CRL every 15 minutes valid for one hour, full CRL 5 minutes after a revocation. */
    public static CrlSchedule defaults() {
        return new CrlSchedule(Duration.ofDays(1), Duration.ofDays(7), Duration.ofMinutes(15), Duration.ofHours(1),
                Duration.parse(DEFAULT_FULL_AFTER_REVOCATION));
    }

    /** This schedule with another delay from a revocation to the full CRL that carries it. */
    public CrlSchedule withFullAfterRevocation(Duration delay) {
        return new CrlSchedule(fullEvery, fullValidity, deltaEvery, deltaValidity, delay);
    }
}
