package uz.eimzo.tsa;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset the test sets: a TSA clock that drifts away from the database's. */
final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    void drift(Duration offset) {
        this.offset = offset;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
