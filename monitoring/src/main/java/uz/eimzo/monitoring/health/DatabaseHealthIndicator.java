package uz.eimzo.monitoring.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Health indicator {@code db} in place of Spring Boot's, which waits as long as the database does: a connection from
 * the pool must be obtained and validated ({@link Connection#isValid}) within the budget, else DOWN. The pool's own
 * connection timeout still applies underneath; this only stops health from waiting for it.
 */
public final class DatabaseHealthIndicator implements HealthIndicator {

    private final DataSource dataSource;
    private final BoundedCheck bounded;
    private final int validationSeconds;

    public DatabaseHealthIndicator(DataSource dataSource, Duration budget) {
        this.dataSource = dataSource;
        this.bounded = new BoundedCheck("the database", budget);
        // isValid takes whole seconds; the bounded wait above is what keeps health fast.
        this.validationSeconds = (int) Math.max(1, budget.toSeconds());
    }

    @Override
    public Health health() {
        return bounded.run(this::check, problem -> Health.down().withDetail("error", problem).build());
    }

    private Health check() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            Health.Builder health = connection.isValid(validationSeconds) ? Health.up() : Health.down();
            return health.withDetail("database", product).withDetail("validationQuery", "isValid()").build();
        } catch (SQLException | RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
