package uz.eimzo.ra.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.signing.KeyProbe;
import uz.eimzo.monitoring.health.BoundedCheck;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this node can sign with the key of every CA it serves: the signing module's {@link KeyProbe} opens the key
 * (PKCS#12 loaded, PKCS#11 token logged in) and checks a signature over a fixed probe text with the CA's public key, so
 * a token that stopped answering shows here rather than at the next issuance. The probe is a plain byte string, never
 * a certificate or CRL structure, and runs at most once per check interval however often Kubernetes asks, so probes do
 * not load an HSM.
 * A check that does not finish within the health budget (a hung database or token) is UNKNOWN for that request.
 */
public final class CaKeysHealthIndicator implements HealthIndicator {

    private final CaDirectory cas;
    private final KeyProbe probe;
    private final List<String> required;
    private final long intervalNanos;
    private final BoundedCheck bounded;
    private volatile Health last;
    private volatile long checkedAt;

    /** @param required CA names whose keys must be usable here; empty for every active CA */
    public CaKeysHealthIndicator(CaDirectory cas, KeyProbe probe, List<String> required,
                                 Duration interval) {
        this(cas, probe, required, interval, BoundedCheck.DEFAULT_BUDGET);
    }

    /** @param budget how long a health request may wait for the check (the CA list and the probe signatures) */
    public CaKeysHealthIndicator(CaDirectory cas, KeyProbe probe, List<String> required,
                                 Duration interval, Duration budget) {
        this.cas = cas;
        this.probe = probe;
        this.required = List.copyOf(required);
        this.intervalNanos = interval.toNanos();
        this.bounded = new BoundedCheck("the CA key check", budget);
    }

    @Override
    public Health health() {
        Health cached = last;
        if (cached != null && System.nanoTime() - checkedAt < intervalNanos) {
            return cached;
        }
        return bounded.run(this::check, problem -> Health.unknown().withDetail("error", problem).build());
    }

    private Health check() {
        Health cached = last;
        if (cached != null && System.nanoTime() - checkedAt < intervalNanos) {
            return cached;
        }
        synchronized (this) {
            if (last != null && System.nanoTime() - checkedAt < intervalNanos) {
                return last;
            }
            List<String> names;
            try {
                names = required.isEmpty()
                        ? cas.activeNames()
                        : required;
            } catch (RuntimeException databaseDown) {
                // Not kept: the keys may be fine, and the db indicator already says what is wrong.
                return Health.unknown().withDetail("error", "cannot list the CAs: " + databaseDown.getClass().getSimpleName()).build();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            boolean usable = true;
            for (String name : names) {
                String problem = probe(name);
                details.put(name, problem == null ? "usable" : problem);
                usable &= problem == null;
            }
            last = (usable ? Health.up() : Health.down()).withDetails(details).build();
            checkedAt = System.nanoTime();
            return last;
        }
    }

    private String probe(String name) {
        try {
            Optional<CertificateAuthority> ca = cas.byName(name);
            if (ca.isEmpty()) {
                return "no such CA";
            }
            return probe.problem(ca.get()).orElse(null);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
