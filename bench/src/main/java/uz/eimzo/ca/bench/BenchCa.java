package uz.eimzo.ca.bench;

import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.DnAttribute;

import javax.security.auth.x500.X500Principal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Period;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/** A root and an issuing CA with keys in a PKCS#12 file on a fresh real PostgreSQL database, for benchmarks. */
final class BenchCa implements AutoCloseable {

    static final String ROOT = "bench-root";
    static final String ISSUING = "bench-issuing";

    final TestDatabase database;
    final Path directory;
    final CaServices services;

    private BenchCa(TestDatabase database, Path directory, CaServices services) {
        this.database = database;
        this.directory = directory;
        this.services = services;
    }

    static BenchCa create(KeyAlgorithm caAlgorithm) {
        try {
            TestDatabase database = PostgresServer.get().newDatabase();
            Path directory = Files.createTempDirectory("eimzo-bench");
            KeyStorage storage = new Pkcs12KeyStorage(directory.resolve("ca-keys.p12"), "bench-password".toCharArray());
            ProfileCatalog profiles = ProfileCatalog.defaults(ProfileCatalog.DEFAULT_POLICY_ARC, "http://localhost:8080/cps",
                    EnumSet.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048), KeyAlgorithm.EC_P256);
            CaServices services = CaServices.create(database.dataSource(), new CaSigner(List.of(storage)), profiles,
                    new PublicationUrls("http://localhost:8081"), Clock.systemUTC());
            services.authorities().createRoot(ROOT, caName("E-IMZO Bench Root CA"), caAlgorithm, Period.ofYears(20),
                    new CaKeyStore(storage), "bench");
            services.authorities().createIssuing(ROOT, ISSUING, caName("E-IMZO Bench Issuing CA"), caAlgorithm,
                    Period.ofYears(10), new CaKeyStore(storage), "bench");
            populate(database, EXISTING_CERTIFICATES);
            return new BenchCa(database, directory, services);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Certificates the issuing CA already holds, and audit events already logged, when a benchmark starts. A
     * production CA is never empty, and empty tables mislead twice: their indexes are shallow, and PostgreSQL keeps
     * the plan it made for a prepared statement from the statistics of that moment. Planned on tables of a few
     * rows, the completing UPDATE scans (ca_id, revision) and the audit chain's last-hash read scans the whole
     * table, until the first autoanalyze replans them, so every certificate costs more than the one before
     * (see docs/issuance-benchmark.md).
     */
    static final int EXISTING_CERTIFICATES = 100_000;

    private static void populate(TestDatabase database, int count) {
        JdbcClient jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("""
                insert into certificate (ca_id, serial, status, subject_dn, not_before, not_after, profile, requester,
                    pinfl, public_key_sha256, tbs, der, sha256, issued_at)
                select ca.id, 1e30 + i, 'GOOD', 'CN=Existing ' || i, now() - interval '100 days', now() + interval '265 days',
                    'individual', 'bench', lpad(i::text, 14, '3'), sha256(('key ' || i)::bytea), sha256(('tbs ' || i)::bytea),
                    sha256(('der ' || i)::bytea), sha256(('sha ' || i)::bytea), now() - interval '100 days'
                from ca, generate_series(1, ?) as i where ca.name = ?""").params(count, ISSUING).update();
        jdbc.sql("""
                insert into audit_event (at, actor, action, outcome, target, details, prev_hash, hash)
                select now() - interval '100 days', 'bench', 'certificate.issue.individual', 'SUCCESS', 'existing:' || i,
                    '{}'::jsonb, sha256(('event ' || (i - 1))::bytea), sha256(('event ' || i)::bytea)
                from generate_series(1, ?) as i""").param(count).update();
        jdbc.sql("analyze").update();
    }

    static List<DnAttribute> caName(String cn) {
        return List.of(new DnAttribute(DnAttribute.CN, cn), new DnAttribute(DnAttribute.O, "E-IMZO Bench"),
                new DnAttribute(DnAttribute.C, "UZ"));
    }

    static Subject individual() {
        String first13 = "3150390123045";
        return new Subject("Toshmatov", "Alisher", "Karimovich", new Pinfl(first13 + Pinfl.checkDigit(first13)), null,
                "Toshkent shahri", "Yunusobod tumani", null, null);
    }

    /** A PKCS#10 request (DER) for a new P-256 key, as a subscriber's token would send it. */
    static byte[] newCsr(SecureRandom random) {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(random);
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=Subscriber"), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
