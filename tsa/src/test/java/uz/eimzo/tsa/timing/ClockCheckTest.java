package uz.eimzo.tsa.timing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The database server's clock as the second opinion on the TSA's. */
@ExtendWith(PostgresExtension.class)
class ClockCheckTest {

    static final Duration ACCURACY = Duration.ofSeconds(1);

    @Test
    void aClockAgreeingWithTheDatabaseIsTrusted(TestDatabase db) {
        ClockCheck check = new ClockCheck(new ReferenceClockStore(JdbcClient.create(db.dataSource())), Clock.systemUTC(), ACCURACY, Duration.ofSeconds(30));
        ClockCheck.Reading reading = check.check();
        assertThat(reading.bound()).isLessThan(ACCURACY);
        assertThat(check.trusted()).isTrue();
    }

    @Test
    void nothingIsTrustedBeforeTheFirstComparison(TestDatabase db) {
        assertThat(new ClockCheck(new ReferenceClockStore(JdbcClient.create(db.dataSource())), Clock.systemUTC(), ACCURACY, Duration.ofSeconds(30))
                .trusted()).isFalse();
    }

    @Test
    void aClockDriftedPastTheAccuracyIsNotTrustedAndTheReadingSaysByHowMuch(TestDatabase db) {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMillis(1500));
        ClockCheck check = new ClockCheck(new ReferenceClockStore(JdbcClient.create(db.dataSource())), ahead, ACCURACY, Duration.ofSeconds(30));
        ClockCheck.Reading reading = check.check();
        assertThat(reading.offset()).isBetween(Duration.ofMillis(-1700), Duration.ofMillis(-1300));
        assertThat(check.trusted()).isFalse();
    }

    @Test
    void aComparisonOlderThanTheMaximumAgeNoLongerVouches(TestDatabase db) throws Exception {
        ClockCheck check = new ClockCheck(new ReferenceClockStore(JdbcClient.create(db.dataSource())), Clock.systemUTC(), ACCURACY, Duration.ofMillis(200));
        check.check();
        assertThat(check.trusted()).isTrue();
        Thread.sleep(400);
        assertThat(check.trusted()).isFalse();
    }
}
