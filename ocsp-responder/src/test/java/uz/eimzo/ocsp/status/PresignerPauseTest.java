package uz.eimzo.ocsp.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** With nothing to sign, the pre-signer rests four times as long as its sweep took, between a second and a minute. */
class PresignerPauseTest {

    @Test
    void aQuickSweepIsFollowedByTheUsualSecond() {
        assertThat(PresignedAnswers.idlePause(Duration.ofMillis(100))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aLongSweepIsFollowedByFourTimesItsLengthSoItTakesAFifthOfTheTime() {
        assertThat(PresignedAnswers.idlePause(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void theRestIsAtMostAMinute() {
        assertThat(PresignedAnswers.idlePause(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(1));
    }
}
