package uz.eimzo.ocsp.authorities;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ocsp.replica.ReadRouting;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.protocol.CertId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The CAs we serve, held in memory and matched against OCSP CertIDs by issuer name and key hash. A CertID for
 * an issuer we do not know reloads the list, at most once per {@link #RELOAD_PAUSE}, so a new CA is served
 * without a restart and garbage cannot make us query the database on every request.
 */
public final class CaIndex {

    static final Duration RELOAD_PAUSE = Duration.ofSeconds(5);

    private final ReadRouting reads;
    private final Clock clock;
    private volatile List<ServedCa> cas = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    public CaIndex(JdbcClient jdbc, Clock clock) {
        this(ReadRouting.primaryOnly(jdbc), clock);
    }

    public CaIndex(ReadRouting reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    public synchronized List<ServedCa> reload() {
        cas = reads.bulk(jdbc -> jdbc.sql("""
                select id, name, certificate, name_hash_sha1, key_hash_sha1, name_hash_sha256, key_hash_sha256
                from ca where status = 'ACTIVE' order by id""")
                .query((rs, row) -> new ServedCa(rs.getInt("id"), rs.getString("name"),
                        Certificates.parse(rs.getBytes("certificate")), rs.getBytes("name_hash_sha1"),
                        rs.getBytes("key_hash_sha1"), rs.getBytes("name_hash_sha256"), rs.getBytes("key_hash_sha256")))
                .list());
        loadedAt = clock.instant();
        return cas;
    }

    public List<ServedCa> all() {
        return cas;
    }

    public Optional<ServedCa> byName(String name) {
        return cas.stream().filter(ca -> ca.name().equals(name)).findFirst();
    }

    /** The CA that issued the certificate the CertID names, or empty if we do not serve it. */
    public Optional<ServedCa> issuerOf(CertId id) {
        Optional<ServedCa> found = match(cas, id);
        if (found.isEmpty() && clock.instant().isAfter(loadedAt.plus(RELOAD_PAUSE))) {
            found = match(reload(), id);
        }
        return found;
    }

    private static Optional<ServedCa> match(List<ServedCa> cas, CertId id) {
        for (ServedCa ca : cas) {
            if (CertId.SHA1.equals(id.hashAlgorithm()) && Arrays.equals(ca.keyHashSha1(), id.issuerKeyHash())
                    && Arrays.equals(ca.nameHashSha1(), id.issuerNameHash())) {
                return Optional.of(ca);
            }
            if (CertId.SHA256.equals(id.hashAlgorithm()) && Arrays.equals(ca.keyHashSha256(), id.issuerKeyHash())
                    && Arrays.equals(ca.nameHashSha256(), id.issuerNameHash())) {
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }
}
