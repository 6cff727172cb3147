package uz.eimzo.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.crl.CrlFreshness;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ra.health.CaKeysHealthIndicator;
import uz.eimzo.monitoring.crl.CrlHealthIndicator;
import uz.eimzo.monitoring.tracing.RequestIdFilter;
import uz.eimzo.ra.metrics.CaMetrics;

import java.time.Clock;
import java.util.List;

/**
 * Health indicators {@code caKeys} and {@code crl} (in the readiness group with {@code db}, see ra.properties) and the
 * CA's meters; what each means is in docs/observability.md.
 */
@Configuration(proxyBeanMethods = false)
public class MonitoringConfiguration {

    @Bean
    CrlFreshness crlFreshness(CaServices ca, MonitoringProperties properties) {
        return new CrlFreshness(ca.jdbc(), properties.refresh());
    }

    @Bean
    CaKeysHealthIndicator caKeysHealthIndicator(CaServices ca, List<KeyStorage> storages, MonitoringProperties properties) {
        return new CaKeysHealthIndicator(ca.jdbc(), ca.authoritiesDirectory(), new KeyResolver(storages),
                properties.caKeys(), properties.caKeyCheckInterval());
    }

    /** Gives every request an id in logs, audit rows and the response; runs before every other filter. */
    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    CrlHealthIndicator crlHealthIndicator(CrlFreshness crls, Clock clock, MonitoringProperties properties) {
        return new CrlHealthIndicator(crls, clock, properties.crlMargin());
    }

    @Bean
    CaMetrics caMetrics(CaServices ca, CrlFreshness crls, Clock clock, MonitoringProperties properties) {
        return new CaMetrics(ca, crls, ca.jdbc(), clock, properties.expiringWithin(), properties.refresh());
    }
}
