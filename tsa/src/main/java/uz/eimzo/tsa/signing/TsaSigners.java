package uz.eimzo.tsa.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.DelegatedKeyStorage;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DelegatedCertificationRequest;

import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * Keeps the TSA's signing certificate from one CA and rolls it over before it expires, the way the OCSP responder's
 * delegated signers do: the key is made in our own storage, a PKCS#10 request is filed in
 * {@code responder_certificate} with purpose TSA, and once the CA's scheduled job has certified it the key is stored
 * with its certificate and signs from then on. A pending key lives in memory only.
 */
public final class TsaSigners {

    private static final Logger log = LoggerFactory.getLogger(TsaSigners.class);

    private final JdbcClient jdbc;
    private final KeyStorage storage;
    private final KeyAlgorithm algorithm;
    private final String tsaName;
    private final String caName;
    private final double renewWhenRemaining;
    private final Clock clock;
    private volatile TsaSigner active;
    private final Map<String, SigningKey> pending = new ConcurrentHashMap<>();

    /**
     * @param tsaName            this TSA's name in {@code responder_certificate}
     * @param caName             the CA that certifies the TSA key
     * @param renewWhenRemaining ask for a new certificate when less than this fraction of validity remains
     */
    public TsaSigners(JdbcClient jdbc, DelegatedKeyStorage storage, KeyAlgorithm algorithm, String tsaName, String caName,
                      double renewWhenRemaining, Clock clock) {
        this.jdbc = jdbc;
        this.storage = storage.open();
        this.algorithm = algorithm;
        this.tsaName = tsaName;
        this.caName = caName;
        this.renewWhenRemaining = renewWhenRemaining;
        this.clock = clock;
    }

    /** The signer in force now, if the CA has certified one of our keys and it has not expired. */
    public Optional<TsaSigner> current() {
        TsaSigner signer = active;
        Instant now = clock.instant();
        return signer != null && !now.isBefore(signer.notBefore()) && now.isBefore(signer.notAfter())
                ? Optional.of(signer) : Optional.empty();
    }

    private record Ca(int id, X509Certificate certificate) {
    }

    private record Row(long id, String alias, String status, byte[] certificate) {
    }

    /** Picks up an issued certificate, and asks for a new one when none is valid or rollover is due. */
    public synchronized void refresh() {
        Instant now = clock.instant();
        Ca ca = jdbc.sql("select id, certificate from ca where name = ? and status = 'ACTIVE'").param(caName)
                .query((rs, n) -> new Ca(rs.getInt("id"), Certificates.parse(rs.getBytes("certificate"))))
                .optional().orElse(null);
        if (ca == null) {
            log.warn("CA {} (eimzo.tsa.ca) is not an active CA; the TSA cannot get a certificate", caName);
            return;
        }
        List<Row> rows = jdbc.sql("""
                select id, key_alias, status, certificate from responder_certificate
                where responder = ? and purpose = 'TSA' and ca_id = ? and status in ('REQUESTED', 'ISSUING', 'ISSUED')
                  and (not_after is null or not_after > ?) order by id""")
                .params(tsaName, ca.id(), Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("key_alias"), rs.getString("status"),
                        rs.getBytes("certificate"))).list();
        boolean asked = false;
        for (Row row : rows) {
            if (row.status().equals("ISSUED")) {
                adopt(row, ca);
            } else if (pending.containsKey(row.alias())) {
                asked = true;
            } else {
                // Filed by an earlier run of this TSA whose key died with it.
                jdbc.sql("update responder_certificate set status = 'ABANDONED' where id = ? and status = 'REQUESTED'")
                        .param(row.id()).update();
            }
        }
        TsaSigner signer = active;
        boolean due = signer == null || !now.isBefore(renewalTime(signer));
        if (due && !asked) {
            request(ca, now);
        }
    }

    private Instant renewalTime(TsaSigner signer) {
        long validity = Duration.between(signer.notBefore(), signer.notAfter()).toSeconds();
        return signer.notAfter().minusSeconds((long) (validity * renewWhenRemaining));
    }

    private void adopt(Row row, Ca ca) {
        TsaSigner current = active;
        if (current != null && current.alias().equals(row.alias())) {
            return;
        }
        X509Certificate certificate = Certificates.parse(row.certificate());
        SigningKey fresh = pending.remove(row.alias());
        if (fresh != null) {
            storage.store(row.alias(), fresh, List.of(certificate, ca.certificate()));
        }
        SigningKey key;
        try {
            key = storage.open(row.alias());
        } catch (RuntimeException missing) {
            log.warn("TSA certificate {} was issued but its key is not in our storage; ignoring it", row.alias());
            return;
        }
        if (!Arrays.equals(key.publicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
            log.warn("TSA certificate {} does not certify the key stored under its alias; ignoring it", row.alias());
            return;
        }
        if (current != null && !certificate.getNotAfter().after(current.certificate().getNotAfter())) {
            return;
        }
        active = new TsaSigner(row.alias(), key, certificate);
        log.info("Signing time-stamp tokens with TSA certificate {} until {}",
                certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
    }

    private void request(Ca ca, Instant now) {
        String alias = "tsa-" + tsaName + "-" + now.toEpochMilli();
        SigningKey key = storage.generate(algorithm);
        byte[] csr = DelegatedCertificationRequest.build(key, tsaName + " TSA");
        pending.put(alias, key);
        jdbc.sql("insert into responder_certificate (ca_id, responder, key_alias, csr, purpose) values (?, ?, ?, ?, 'TSA')")
                .params(ca.id(), tsaName, alias, csr).update();
        log.info("Asked CA {} to certify TSA key {}", caName, alias);
    }
}
