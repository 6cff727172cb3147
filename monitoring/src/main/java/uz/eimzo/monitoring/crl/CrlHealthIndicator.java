package uz.eimzo.monitoring.crl;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import uz.eimzo.monitoring.health.BoundedCheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether every active CA's newest CRLs are still valid: DOWN once a nextUpdate has passed (relying parties reject
 * the CRL), OUT_OF_SERVICE while one is within the margin of passing or a CA has no CRL yet. UNKNOWN while the CRLs
 * cannot be read, also when the database does not answer within the health budget (the {@code db} member says why).
 */
public final class CrlHealthIndicator implements HealthIndicator {

    private final CrlFreshness crls;
    private final Clock clock;
    private final Duration margin;
    private final BoundedCheck bounded;

    public CrlHealthIndicator(CrlFreshness crls, Clock clock, Duration margin) {
        this(crls, clock, margin, BoundedCheck.DEFAULT_BUDGET);
    }

    /** @param budget how long a health request may wait for the CRL readings */
    public CrlHealthIndicator(CrlFreshness crls, Clock clock, Duration margin, Duration budget) {
        this.crls = crls;
        this.clock = clock;
        this.margin = margin;
        this.bounded = new BoundedCheck("the CRL readings", budget);
    }

    @Override
    public Health health() {
        return bounded.run(this::read, problem -> Health.unknown().withDetail("error", problem).build());
    }

    private Health read() {
        try {
            return health(crls.current(), clock.instant(), margin);
        } catch (RuntimeException databaseDown) {
            return Health.unknown().withDetail("error", "cannot read the CRLs: " + databaseDown.getClass().getSimpleName()).build();
        }
    }

    /** The verdict on given readings at a given time: what {@link #health()} reports for the current ones. */
    public static Health health(List<CrlFreshness.CaCrls> current, Instant now, Duration margin) {
        Map<String, Object> details = new LinkedHashMap<>();
        Status status = Status.UP;
        for (CrlFreshness.CaCrls ca : current) {
            String problem = ca.problem(now, margin);
            if (ca.expired(now)) {
                status = Status.DOWN;
            } else if (problem != null && status == Status.UP) {
                status = Status.OUT_OF_SERVICE;
            }
            Map<String, Object> crl = new LinkedHashMap<>();
            for (CrlFreshness.Published published : ca.published()) {
                crl.put(published.kind().tag() + "NextUpdate", published.nextUpdate().toString());
            }
            crl.put("status", problem == null ? "fresh" : problem);
            details.put(ca.ca(), crl);
        }
        return Health.status(status).withDetails(details).build();
    }
}
