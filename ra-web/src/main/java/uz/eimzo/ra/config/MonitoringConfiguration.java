package uz.eimzo.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.signing.KeyProbe;
import uz.eimzo.monitoring.crl.CrlFreshness;
import uz.eimzo.monitoring.crl.CrlHealthIndicator;
import uz.eimzo.monitoring.health.HealthSurface;
import uz.eimzo.monitoring.tracing.RequestIdFilter;
import uz.eimzo.ra.health.CaKeysHealthIndicator;
import uz.eimzo.ra.metrics.CaMetrics;

import java.time.Clock;

/**
 * Health indicators {@code db}, {@code caKeys} and {@code crl} (the readiness group, see ra.properties), each bounded by
 * {@code eimzo.monitoring.health-timeout} ({@code db} and the public port's status-only health come from
 * {@link HealthSurface}), and the CA's meters; what each means is in docs/observability.md.
 */
@Configuration(proxyBeanMethods = false)
@Import(HealthSurface.class)
public class MonitoringConfiguration {

    @Bean
    CrlFreshness crlFreshness(JdbcClient jdbc, MonitoringProperties properties) {
        return new CrlFreshness(jdbc, properties.refresh());
    }

    @Bean
    CaKeysHealthIndicator caKeysHealthIndicator(CaServices ca, KeyProbe probe, MonitoringProperties properties) {
        return new CaKeysHealthIndicator(ca.authoritiesDirectory(), probe,
                properties.caKeys(), properties.caKeyCheckInterval(), properties.healthTimeout());
    }

    /** Gives every request an id in logs, audit rows and the response; runs before every other filter. */
    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    CrlHealthIndicator crlHealthIndicator(CrlFreshness crls, Clock clock, MonitoringProperties properties) {
        return new CrlHealthIndicator(crls, clock, properties.crlMargin(), properties.healthTimeout());
    }

    @Bean
    CaMetrics caMetrics(CaServices ca, CrlFreshness crls, Clock clock, MonitoringProperties properties) {
        return new CaMetrics(ca, crls, clock, properties.expiringWithin(), properties.refresh());
    }
}
