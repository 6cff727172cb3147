package uz.eimzo.ocsp.web;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import uz.eimzo.ocsp.replica.ReadRouting;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.signing.ResponderSigner;
import uz.eimzo.ocsp.authorities.CaIndex;
import uz.eimzo.ocsp.authorities.ServedCa;
import uz.eimzo.ocsp.status.StatusFeed;
import uz.eimzo.ocsp.status.StatusIndex;
import uz.eimzo.ocsp.ResponderProperties;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code replica} detail says where reads go (a lagging or lost replica only sends them to the primary: still UP).
 * DOWN while the responder cannot hear status changes (it is then answering tryLater), or while a CA it serves has no
 * delegated responder certificate valid now (requests about that CA get tryLater until the CA certifies a key), or
 * while the status index is still loading (requests get tryLater until it has).
 */
@Component
public class ResponderHealth implements HealthIndicator {

    private final StatusFeed feed;
    private final DelegatedSigners signers;
    private final CaIndex cas;
    private final ReadRouting reads;
    private final StatusIndex index;

    public ResponderHealth(StatusFeed feed, DelegatedSigners signers, CaIndex cas, ReadRouting reads, StatusIndex index,
                           ResponderProperties properties) {
        this.index = properties.index().enabled() ? index : null;
        this.feed = feed;
        this.signers = signers;
        this.cas = cas;
        this.reads = reads;
    }

    @Override
    public Health health() {
        Map<String, Object> certificates = new LinkedHashMap<>();
        boolean signing = true;
        for (ServedCa ca : cas.all()) {
            Optional<ResponderSigner> signer = signers.forCa(ca.id());
            certificates.put(ca.name(), signer.map(s -> s.certificate().getSerialNumber().toString(16) + " until " + s.notAfter())
                    .orElse("none valid"));
            signing &= signer.isPresent();
        }
        boolean indexed = index == null || index.loaded();
        boolean up = feed.connected() && signing && indexed;
        Health.Builder builder = up ? Health.up() : Health.down();
        if (!feed.connected()) {
            builder.withDetail("database", feed.lastError());
        }
        return builder.withDetail("statusFeed", feed.connected() ? "listening" : "disconnected")
                .withDetail("responderCertificates", certificates)
                .withDetail("statusIndex", index == null ? "off" : indexed ? index.size() + " certificates" : "loading")
                .withDetail("replica", replica()).build();
    }

    private Map<String, Object> replica() {
        ReadRouting.Condition condition = reads.condition();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", condition.state().toString());
        if (condition.lag() != null) {
            detail.put("lag", condition.lag().toString());
        }
        if (condition.error() != null) {
            detail.put("error", condition.error());
        }
        if (reads.allStatusesOnPrimary()) {
            detail.put("statusReads", "primary, until the replica has replayed changes that may have gone unnotified");
        }
        return detail;
    }
}
