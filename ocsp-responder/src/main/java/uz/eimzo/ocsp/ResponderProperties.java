package uz.eimzo.ocsp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings under {@code eimzo.ocsp}.
 *
 * @param responderName     this responder's name in {@code responder_certificate}; instances sharing a key store share it
 * @param responseValidity  nextUpdate - thisUpdate, and the HTTP max-age of a fresh cacheable answer
 * @param cacheMaxEntries   bound on cached signed answers
 * @param maxRequestBytes   larger bodies are malformedRequest
 */
@ConfigurationProperties("eimzo.ocsp")
public record ResponderProperties(
        @DefaultValue("ocsp") String responderName,
        @DefaultValue("PT10M") Duration responseValidity,
        @DefaultValue("1000000") int cacheMaxEntries,
        @DefaultValue("16384") int maxRequestBytes,
        @DefaultValue Keys keys,
        @DefaultValue Replica replica,
        @DefaultValue Index index,
        @DefaultValue Presign presign) {

    /**
     * Nonce-free answers signed ahead of time for every certificate in the status index (docs/ocsp-crl.md,
     * "Pre-signed answers"); needs the index.
     *
     * @param enabled  false: each certificate's first answer is signed when it is asked for, as before
     * @param validity nextUpdate - thisUpdate of a pre-signed answer; re-signed after half of it. Every live
     *                 certificate is signed once per half of it: 10,000,000 certificates at PT12H is 463 signatures/s
     * @param threads  threads signing during a sweep; a cold start signs every certificate at once
     * @param maxRate  signatures a second at most over those threads (0: no limit), so that a cold fill leaves
     *                 processor time to requests; must stay above live certificates / (validity / 2)
     */
    public record Presign(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT12H") Duration validity,
            @DefaultValue("2") int threads,
            @DefaultValue("0") double maxRate) {
    }

    /**
     * The in-memory status index of every certificate of the served CAs (docs/ocsp-crl.md, "At national scale").
     *
     * @param enabled         false: every cache miss reads the database, as without an index
     * @param catchUpInterval how often changes are read by revision (and new CAs loaded)
     * @param overlap         how far back each catch-up re-reads revisions; longer than any status-changing transaction
     */
    public record Index(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("PT1S") Duration catchUpInterval,
            @DefaultValue("PT30S") Duration overlap) {
    }

    /**
     * Where the responder's delegated keys live.
     *
     * @param type              pkcs12 or pkcs11
     * @param renewWhenRemaining ask for a new certificate when less than this fraction of validity remains
     */
    public record Keys(
            @DefaultValue("pkcs12") String type,
            @DefaultValue("ocsp-keys.p12") Path pkcs12File,
            String password,
            String pkcs11Config,
            String pin,
            @DefaultValue("0.34") double renewWhenRemaining,
            @DefaultValue("PT30S") Duration checkInterval) {
    }

    /**
     * A PostgreSQL read replica for status look-ups, CRLs, CA certificates and the CA list (docs/ocsp-crl.md); unset
     * url means everything on {@code spring.datasource}. LISTEN and the responder's writes always use the primary.
     *
     * @param url           JDBC URL of the hot standby
     * @param username      the role on it; unset means {@code spring.datasource.username}, and likewise the password
     * @param freshWindow   a certificate whose status change was notified is read from the primary for this long
     * @param maxFresh      bound on certificates remembered as changed; past it all status reads go to the primary
     * @param maxLag        further behind than this, or unreachable, the replica gets no reads until it recovers
     * @param checkInterval how often the lag is measured
     * @param poolSize      connections to the replica
     */
    public record Replica(
            String url,
            String username,
            String password,
            @DefaultValue("PT60S") Duration freshWindow,
            @DefaultValue("100000") int maxFresh,
            @DefaultValue("PT5S") Duration maxLag,
            @DefaultValue("PT1S") Duration checkInterval,
            @DefaultValue("4") int poolSize) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
