package uz.eimzo.monitoring.health;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What a health check that waits on a hung resource costs a health request: its budget, never more. */
class BoundedCheckTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    @AfterEach
    void releaseHungChecks() {
        release.countDown();
        RequestContextHolder.resetRequestAttributes();
    }

    private Supplier<Health> hanging() {
        return () -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        };
    }

    private static Health late(String problem) {
        return Health.down().withDetail("error", problem).build();
    }

    private static Duration timed(Runnable action) {
        long started = System.nanoTime();
        action.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void aCheckThatAnswersGivesItsVerdict() {
        Health health = new BoundedCheck("the database", Duration.ofSeconds(1)).run(() -> Health.up().build(), BoundedCheckTest::late);

        assertThat(health.getStatus().getCode()).isEqualTo("UP");
    }

    @Test
    void aHungCheckIsReportedWithinTheBudget() {
        BoundedCheck check = new BoundedCheck("the database", Duration.ofMillis(300));
        Health[] health = new Health[1];

        Duration took = timed(() -> health[0] = check.run(hanging(), BoundedCheckTest::late));

        assertThat(took).isBetween(Duration.ofMillis(250), Duration.ofMillis(900));
        assertThat(health[0].getStatus().getCode()).isEqualTo("DOWN");
        assertThat(health[0].getDetails().get("error")).isEqualTo("the database did not answer within 300 ms");
    }

    @Test
    void aCheckStillHangingIsNotStartedAgain() {
        BoundedCheck check = new BoundedCheck("the database", Duration.ofMillis(100));

        check.run(hanging(), BoundedCheckTest::late);
        check.run(hanging(), BoundedCheckTest::late);
        check.run(hanging(), BoundedCheckTest::late);

        assertThat(started).hasValue(1);
    }

    @Test
    void theChecksOfOneHealthRequestShareOneBudget() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        BoundedCheck database = new BoundedCheck("the database", Duration.ofMillis(400));
        BoundedCheck crls = new BoundedCheck("the CRL readings", Duration.ofMillis(400));
        BoundedCheck keys = new BoundedCheck("the CA key check", Duration.ofMillis(400));

        Duration took = timed(() -> {
            database.run(hanging(), BoundedCheckTest::late);
            crls.run(hanging(), BoundedCheckTest::late);
            keys.run(hanging(), BoundedCheckTest::late);
        });

        // 400 ms for the first, then each of the others only the short grace: not 3 x 400 ms.
        assertThat(took).isLessThan(Duration.ofMillis(1000));
        assertThat(started).hasValue(3);
    }
}
