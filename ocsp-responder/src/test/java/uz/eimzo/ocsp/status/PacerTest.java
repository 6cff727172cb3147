package uz.eimzo.ocsp.status;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    /** A clock that only moves when the pacer sleeps, as if the work itself took no time. */
    private static final class FakeTime {
        long now = 1_000;
        long slept;

        void sleep(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @Test
    void permitsAreSpacedToTheRate() throws Exception {
        FakeTime time = new FakeTime();
        Pacer pacer = new Pacer(100, () -> time.now, time::sleep);

        for (int i = 0; i < 201; i++) {
            pacer.acquire();
        }

        // The first permit is free; 200 more at 100 a second take two seconds.
        assertThat(time.slept).isEqualTo(TimeUnit.SECONDS.toNanos(2));
    }

    @Test
    void timeNotUsedIsNotSavedUpForABurst() throws Exception {
        FakeTime time = new FakeTime();
        Pacer pacer = new Pacer(10, () -> time.now, time::sleep);
        pacer.acquire();
        time.now += TimeUnit.SECONDS.toNanos(60);

        pacer.acquire();
        pacer.acquire();

        assertThat(time.slept).as("the second permit after the pause waits its interval").isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void zeroMeansNoLimit() throws Exception {
        FakeTime time = new FakeTime();
        Pacer pacer = new Pacer(0, () -> time.now, time::sleep);

        for (int i = 0; i < 1_000; i++) {
            pacer.acquire();
        }

        assertThat(time.slept).isZero();
    }
}
