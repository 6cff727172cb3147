package uz.eimzo.ocsp.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.status.StatusFeed;

import java.util.LinkedHashMap;
import java.util.Map;

/** DOWN while the responder cannot hear status changes: it is then answering tryLater. */
@Component
public class ResponderHealth implements HealthIndicator {

    private final StatusFeed feed;
    private final DelegatedSigners signers;

    public ResponderHealth(StatusFeed feed, DelegatedSigners signers) {
        this.feed = feed;
        this.signers = signers;
    }

    @Override
    public Health health() {
        Map<String, Object> certificates = new LinkedHashMap<>();
        signers.active().forEach((ca, signer) -> certificates.put(String.valueOf(ca),
                signer.certificate().getSerialNumber().toString(16) + " until " + signer.notAfter()));
        Health.Builder builder = feed.connected() ? Health.up() : Health.down().withDetail("database", feed.lastError());
        return builder.withDetail("statusFeed", feed.connected() ? "listening" : "disconnected")
                .withDetail("responderCertificates", certificates).build();
    }
}
