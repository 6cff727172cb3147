package uz.eimzo.ocsp.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.DelegatedKeyStorage;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DelegatedCertificationRequest;
import uz.eimzo.ocsp.authorities.CaIndex;
import uz.eimzo.ocsp.authorities.ServedCa;

import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one delegated signing certificate per CA and rolls it over before it expires. Each CA's key is made in
 * that CA's own algorithm (a GOST-UZ CA's answers are GOST-UZ-signed, an ECDSA CA's ECDSA-signed), and a key
 * that no longer matches its CA's algorithm is replaced like an expiring one. The responder makes its
 * key in its own storage (PKCS#12 or PKCS#11), files a PKCS#10 request in table {@code responder_certificate},
 * and once the CA side has certified it stores the key with its certificate and starts signing with it.
 * A pending key lives in memory only: a responder restarted before the CA answered files a new request.
 */
public final class DelegatedSigners {

    private static final Logger log = LoggerFactory.getLogger(DelegatedSigners.class);

    private final JdbcClient jdbc;
    private final KeyStorage storage;
    private final String responder;
    private final double renewWhenRemaining;
    private final CaIndex cas;
    private final Clock clock;
    private final Runnable onChange;
    private final Map<Integer, ResponderSigner> active = new ConcurrentHashMap<>();
    private final Map<String, SigningKey> pending = new ConcurrentHashMap<>();

    /**
     * @param renewWhenRemaining ask for a new certificate when less than this fraction of the current one's
     *                           validity remains (e.g. 1/3)
     * @param onChange           called after the signer of some CA changed (the response cache is dropped)
     */
    public DelegatedSigners(JdbcClient jdbc, DelegatedKeyStorage storage, String responder,
                            double renewWhenRemaining, CaIndex cas, Clock clock, Runnable onChange) {
        this(jdbc, storage.open(), responder, renewWhenRemaining, cas, clock, onChange);
    }

    /** Over a storage opened elsewhere (tests). */
    public DelegatedSigners(JdbcClient jdbc, KeyStorage storage, String responder,
                            double renewWhenRemaining, CaIndex cas, Clock clock, Runnable onChange) {
        this.jdbc = jdbc;
        this.storage = storage;
        this.responder = responder;
        this.renewWhenRemaining = renewWhenRemaining;
        this.cas = cas;
        this.clock = clock;
        this.onChange = onChange;
    }

    public String responder() {
        return responder;
    }

    /** The certificate signing for a CA now, if the CA has certified one of our keys. */
    public Optional<ResponderSigner> forCa(int caId) {
        ResponderSigner signer = active.get(caId);
        return signer != null && clock.instant().isBefore(signer.notAfter()) ? Optional.of(signer) : Optional.empty();
    }

    public Map<Integer, ResponderSigner> active() {
        return Map.copyOf(active);
    }

    private record Row(long id, int caId, String alias, String status, byte[] certificate) {
    }

    /** Picks up issued certificates, and asks for new ones where none is valid or rollover is due. */
    public synchronized void refresh() {
        Instant now = clock.instant();
        List<ServedCa> served = cas.reload();
        List<Row> rows = jdbc.sql("""
                select id, ca_id, key_alias, status, certificate from responder_certificate
                where responder = ? and purpose = 'OCSP' and status in ('REQUESTED', 'ISSUING', 'ISSUED')
                  and (not_after is null or not_after > ?) order by id""")
                .params(responder, Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getInt("ca_id"), rs.getString("key_alias"),
                        rs.getString("status"), rs.getBytes("certificate"))).list();
        boolean changed = false;
        for (Row row : rows) {
            if (row.status().equals("ISSUED")) {
                changed |= adopt(row, served);
            } else if (!pending.containsKey(row.alias())) {
                // Filed by an earlier run of this responder whose key died with it.
                jdbc.sql("update responder_certificate set status = 'ABANDONED' where id = ? and status = 'REQUESTED'")
                        .param(row.id()).update();
            }
        }
        for (ServedCa ca : served) {
            ResponderSigner current = active.get(ca.id());
            boolean due = current == null || !now.isBefore(renewalTime(current)) || !inAlgorithmOf(current, ca);
            boolean asked = rows.stream().anyMatch(r -> r.caId() == ca.id() && !r.status().equals("ISSUED")
                    && pending.containsKey(r.alias()));
            if (due && !asked) {
                request(ca, now);
            }
        }
        if (changed) {
            onChange.run();
        }
    }

    private Instant renewalTime(ResponderSigner signer) {
        long validity = Duration.between(signer.notBefore(), signer.notAfter()).toSeconds();
        return signer.notAfter().minusSeconds((long) (validity * renewWhenRemaining));
    }

    private boolean adopt(Row row, List<ServedCa> served) {
        ResponderSigner current = active.get(row.caId());
        if (current != null && current.alias().equals(row.alias())) {
            return false;
        }
        ServedCa ca = served.stream().filter(c -> c.id() == row.caId()).findFirst().orElse(null);
        if (ca == null) {
            return false;
        }
        X509Certificate certificate = Certificates.parse(row.certificate());
        SigningKey key;
        SigningKey fresh = pending.remove(row.alias());
        if (fresh != null) {
            storage.store(row.alias(), fresh, List.of(certificate, ca.certificate()));
        }
        try {
            key = storage.open(row.alias());
        } catch (RuntimeException missing) {
            log.warn("Responder certificate {} was issued but its key is not in our storage; ignoring it", row.alias());
            return false;
        }
        if (!Arrays.equals(key.publicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
            log.warn("Responder certificate {} does not certify the key stored under its alias; ignoring it", row.alias());
            return false;
        }
        if (current != null && inAlgorithmOf(current, ca)
                && !certificate.getNotAfter().after(current.certificate().getNotAfter())) {
            return false;
        }
        byte[] keyHash = Certificates.sha1(Certificates.subjectPublicKeyBits(certificate.getPublicKey()));
        active.put(row.caId(), new ResponderSigner(row.caId(), row.alias(), key, certificate, keyHash));
        log.info("Signing OCSP responses for CA {} with responder certificate {} until {}", ca.name(),
                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
        return true;
    }

    /** The key type a CA's responder key must have: the CA's own. */
    static Optional<KeyAlgorithm> algorithmOf(ServedCa ca) {
        return KeyAlgorithm.of(ca.certificate().getPublicKey());
    }

    private static boolean inAlgorithmOf(ResponderSigner signer, ServedCa ca) {
        return KeyAlgorithm.of(signer.certificate().getPublicKey()).equals(algorithmOf(ca));
    }

    private void request(ServedCa ca, Instant now) {
        String alias = "ocsp-" + ca.name() + "-" + now.toEpochMilli();
        KeyAlgorithm algorithm = algorithmOf(ca).orElse(null);
        if (algorithm == null) {
            log.error("CA {} has a key type ({}) no responder key can be made for; its OCSP requests go unanswered",
                    ca.name(), KeyAlgorithm.describe(ca.certificate().getPublicKey()));
            return;
        }
        SigningKey key;
        try {
            key = storage.generate(algorithm);
        } catch (KeyUnavailableException e) {
            log.error("Cannot make a {} responder key for CA {}: {}", algorithm, ca.name(), e.getMessage());
            return;
        }
        byte[] csr = DelegatedCertificationRequest.build(key, responder + " for " + ca.name());
        pending.put(alias, key);
        jdbc.sql("insert into responder_certificate (ca_id, responder, key_alias, csr) values (?, ?, ?, ?)")
                .params(ca.id(), responder, alias, csr).update();
        log.info("Asked CA {} to certify responder key {}", ca.name(), alias);
    }
}
