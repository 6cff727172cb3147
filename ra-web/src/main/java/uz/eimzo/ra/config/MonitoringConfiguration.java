package uz.eimzo.ra.config;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.crl.CrlFreshness;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ra.health.CaKeysHealthIndicator;
import uz.eimzo.monitoring.crl.CrlHealthIndicator;
import uz.eimzo.monitoring.health.DatabaseHealthIndicator;
import uz.eimzo.monitoring.health.PublicHealthController;
import uz.eimzo.monitoring.tracing.RequestIdFilter;
import uz.eimzo.ra.metrics.CaMetrics;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/**
 * Health indicators {@code db}, {@code caKeys} and {@code crl} (the readiness group, see ra.properties), each bounded by
 * {@code eimzo.monitoring.health-timeout}, the status-only health of the public port, and the CA's meters; what each
 * means is in docs/observability.md.
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
                properties.caKeys(), properties.caKeyCheckInterval(), properties.healthTimeout());
    }

    /** Replaces Spring Boot's {@code db} indicator, which waits as long as a hung database does. */
    @Bean
    DatabaseHealthIndicator dbHealthIndicator(DataSource dataSource, MonitoringProperties properties) {
        return new DatabaseHealthIndicator(dataSource, properties.healthTimeout());
    }

    /** The status alone at /actuator/health on the public port, while actuator has the management port. */
    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    PublicHealthController publicHealthController(HealthEndpoint health, HttpCodeStatusMapper statusCodes) {
        return new PublicHealthController(health, statusCodes);
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
        return new CaMetrics(ca, crls, ca.jdbc(), clock, properties.expiringWithin(), properties.refresh());
    }
}
