package uz.eimzo.ocsp.replica;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which status look-ups must skip the replica because the change they ask about may not have been replayed there. */
class RecentChangesTest {

    static final BigInteger SERIAL = BigInteger.valueOf(0x1234);
    static final BigInteger OTHER = BigInteger.valueOf(0x5678);

    final MovingClock clock = new MovingClock();
    final RecentChanges recent = new RecentChanges(Duration.ofSeconds(60), 3, clock);

    @Test
    void aNotifiedCertificateIsReadFromThePrimaryForTheFreshWindowOnly() {
        recent.changed(1, SERIAL);

        assertThat(recent.anyChanged(1, List.of(SERIAL))).isTrue();
        assertThat(recent.anyChanged(1, List.of(OTHER))).as("another certificate").isFalse();
        assertThat(recent.anyChanged(2, List.of(SERIAL))).as("the same serial under another CA").isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(recent.anyChanged(1, List.of(SERIAL))).isFalse();
    }

    @Test
    void moreChangesThanTheBoundSendEveryLookUpToThePrimaryForTheWindow() {
        for (int i = 0; i < 4; i++) {
            recent.changed(1, BigInteger.valueOf(i));
        }

        assertThat(recent.size()).isLessThanOrEqualTo(3);
        assertThat(recent.anyChanged(7, List.of(OTHER))).as("a certificate never named").isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(recent.anyChanged(7, List.of(OTHER))).isFalse();
    }

    @Test
    void aCatchUpEndsTheUnseenChangesWindowOnlyIfNothingWentUnseenSince() {
        recent.everythingChanged();
        long first = recent.unseenChanges();
        recent.everythingChanged();

        recent.caughtUp(first);
        assertThat(recent.everything()).as("a later loss is not covered by the earlier catch-up").isTrue();
        recent.caughtUp(recent.unseenChanges());
        assertThat(recent.everything()).isFalse();
    }

    @Test
    void walPositionsCompareAsNumbers() {
        assertThat(WalPositionStore.position("16/B374D848")).isEqualTo(0x16_B374D848L);
        assertThat(WalPositionStore.position("1/0")).isGreaterThan(WalPositionStore.position("0/FFFFFFFF"));
    }

    static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
