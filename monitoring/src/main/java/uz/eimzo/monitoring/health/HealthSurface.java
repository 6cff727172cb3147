package uz.eimzo.monitoring.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The health every application (RA/CA, responder, TSA) wires alike, imported by each: the {@code db} indicator bounded
 * by {@code eimzo.monitoring.health-timeout} in place of Spring Boot's, which waits as long as a hung database does,
 * and the status alone at /actuator/health on the public port while actuator has the management port.
 */
@Configuration(proxyBeanMethods = false)
public class HealthSurface {

    /** Where the public port answers the overall status alone (security configurations let it through). */
    public static final String PUBLIC_HEALTH_PATH = "/actuator/health";

    @Bean
    DatabaseHealthIndicator dbHealthIndicator(DataSource dataSource,
                                              @Value("${eimzo.monitoring.health-timeout:PT1S}") Duration timeout) {
        return new DatabaseHealthIndicator(dataSource, timeout);
    }

    @Bean
    @ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
    PublicHealthController publicHealthController(HealthEndpoint health, HttpCodeStatusMapper statusCodes) {
        return new PublicHealthController(health, statusCodes);
    }
}
