package uz.eimzo.ocsp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Health and metrics settings of the responder ({@code eimzo.monitoring.*}, as on the CA node); see docs/observability.md.
 *
 * @param crlMargin     a CRL counts as stale (readiness OUT_OF_SERVICE) once its nextUpdate is less than this away
 * @param refresh       how long database readings behind health and gauges are reused
 * @param healthTimeout how long one health request waits for the database before it reports it DOWN
 */
@ConfigurationProperties("eimzo.monitoring")
public record MonitoringProperties(@DefaultValue("PT10M") Duration crlMargin, @DefaultValue("PT30S") Duration refresh,
                                   @DefaultValue("PT1S") Duration healthTimeout) {
}
