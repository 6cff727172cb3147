package uz.eimzo.ra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Health and metrics settings of the CA node ({@code eimzo.monitoring.*}); see docs/observability.md.
 *
 * @param crlMargin          a CRL counts as stale (readiness OUT_OF_SERVICE) once its nextUpdate is less than this away
 * @param caKeyCheckInterval how often the CA signing keys are really exercised; readiness repeats the last result between
 * @param caKeys             CAs whose keys this node must hold; empty means every active CA
 * @param expiringWithin     a good certificate ending within this counts in {@code eimzo.certificates.expiring}
 * @param refresh            how long database readings behind health and gauges are reused
 * @param healthTimeout      how long one health request waits for the database (and the CA key check) before it
 *                           reports them DOWN or UNKNOWN: a hung database must give a 503, not a timeout
 */
@ConfigurationProperties("eimzo.monitoring")
public record MonitoringProperties(
        @DefaultValue("PT10M") Duration crlMargin,
        @DefaultValue("PT1M") Duration caKeyCheckInterval,
        @DefaultValue List<String> caKeys,
        @DefaultValue("P30D") Duration expiringWithin,
        @DefaultValue("PT30S") Duration refresh,
        @DefaultValue("PT1S") Duration healthTimeout) {
}
