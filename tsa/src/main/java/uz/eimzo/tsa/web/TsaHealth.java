package uz.eimzo.tsa.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uz.eimzo.tsa.signing.TsaSigner;
import uz.eimzo.tsa.signing.TsaSigners;
import uz.eimzo.tsa.timing.ClockCheck;

/**
 * DOWN while the TSA would refuse every request: no certified key valid now (systemFailure), or a clock not
 * vouched for by a recent comparison with the database server's (timeNotAvailable). In the readiness group, so a
 * load balancer sends requests to instances that can stamp them.
 */
@Component
public class TsaHealth implements HealthIndicator {

    private final TsaSigners signers;
    private final ClockCheck clock;

    public TsaHealth(TsaSigners signers, ClockCheck clock) {
        this.signers = signers;
        this.clock = clock;
    }

    @Override
    public Health health() {
        TsaSigner signer = signers.current().orElse(null);
        boolean trusted = clock.trusted();
        ClockCheck.Reading reading = clock.last();
        Health.Builder builder = signer != null && trusted ? Health.up() : Health.down();
        builder.withDetail("certificate", signer == null ? "none valid"
                : signer.serial().toString(16) + " until " + signer.notAfter());
        builder.withDetail("clock", trusted ? "trusted" : "not vouched for");
        if (reading != null) {
            builder.withDetail("offsetFromDatabase", reading.offset().toString())
                    .withDetail("uncertainty", reading.uncertainty().toString())
                    .withDetail("comparedAt", reading.at().toString());
        }
        return builder.build();
    }
}
