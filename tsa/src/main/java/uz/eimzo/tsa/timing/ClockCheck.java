package uz.eimzo.tsa.timing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Compares the TSA's clock with the database server's ({@code select now()}) on a schedule, not per request. The
 * clock is trusted while the last comparison is recent and showed an offset that, widened by half the round trip
 * (the reading's own uncertainty), stays within the stated accuracy. Otherwise tokens are refused with
 * timeNotAvailable: a token whose time cannot be defended is worse than none.
 */
public final class ClockCheck {

    private static final Logger log = LoggerFactory.getLogger(ClockCheck.class);

    private final ReferenceClockStore reference;
    private final Clock clock;
    private final Duration accuracy;
    private final Duration maxAge;
    private volatile Reading last;

    /** One comparison: when (by our clock), the offset of the reference from us, and its uncertainty. */
    public record Reading(Instant at, Duration offset, Duration uncertainty) {

        /** The worst the offset can be. */
        public Duration bound() {
            return offset.abs().plus(uncertainty);
        }
    }

    /**
     * @param accuracy the accuracy tokens state; a clock further off than this is not trusted
     * @param maxAge   a comparison older than this no longer vouches for the clock (a few check intervals)
     */
    public ClockCheck(ReferenceClockStore reference, Clock clock, Duration accuracy, Duration maxAge) {
        this.reference = reference;
        this.clock = clock;
        this.accuracy = accuracy;
        this.maxAge = maxAge;
    }

    /** Takes one reading; a failed one (database away) leaves the last, which ages out. */
    public Reading check() {
        long startNanos = System.nanoTime();
        Instant before = clock.instant();
        OffsetDateTime databaseNow = reference.now();
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - startNanos);
        // now() is the start of the database's transaction, taken somewhere within the round trip.
        Instant midpoint = before.plus(roundTrip.dividedBy(2));
        Reading reading = new Reading(before, Duration.between(midpoint, databaseNow.toInstant()), roundTrip.dividedBy(2));
        if (reading.bound().compareTo(accuracy) > 0) {
            log.warn("TSA clock is off the database server's by {} (within {}); refusing tokens until it is back "
                    + "within {}", reading.offset(), reading.uncertainty(), accuracy);
        }
        last = reading;
        return reading;
    }

    /** The last reading, if any. */
    public Reading last() {
        return last;
    }

    /** True when a recent reading vouches for the clock within the stated accuracy. */
    public boolean trusted() {
        Reading reading = last;
        if (reading == null) {
            return false;
        }
        Duration age = Duration.between(reading.at(), clock.instant());
        return !age.isNegative() && age.compareTo(maxAge) <= 0 && reading.bound().compareTo(accuracy) <= 0;
    }
}
