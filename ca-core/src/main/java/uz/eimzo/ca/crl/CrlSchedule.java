package uz.eimzo.ca.crl;

import java.time.Duration;

/**
 * When CRLs are due and how long they are valid.
 *
 * @param fullEvery     a new full CRL this long after the last one
 * @param fullValidity  nextUpdate - thisUpdate of a full CRL (longer than fullEvery, so a late run is no outage)
 * @param deltaEvery    a new delta CRL this long after the last one
 * @param deltaValidity nextUpdate - thisUpdate of a delta CRL
 */
public record CrlSchedule(Duration fullEvery, Duration fullValidity, Duration deltaEvery, Duration deltaValidity) {

    public CrlSchedule {
        if (fullValidity.compareTo(fullEvery) < 0 || deltaValidity.compareTo(deltaEvery) < 0) {
            throw new IllegalArgumentException("A CRL must stay valid at least until the next one is due");
        }
    }

    /** Full CRL daily valid for 7 days, delta CRL every 15 minutes valid for one hour. */
    public static CrlSchedule defaults() {
        return new CrlSchedule(Duration.ofDays(1), Duration.ofDays(7), Duration.ofMinutes(15), Duration.ofHours(1));
    }
}
