package uz.eimzo.ca.bench.crl;

import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.crl.IssuedCrl;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Full CRL generation time and heap at 100k and 1M revoked entries, streamed from PostgreSQL. Run it with the
 * heap limit under test: {@code java -Xmx512m -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.crl.CrlGenerationBench 100000 1000000}.
 */
public final class CrlGenerationBench {

    private CrlGenerationBench() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = args.length == 0 ? List.of(100_000, 1_000_000) : Arrays.stream(args).map(Integer::valueOf).toList();
        System.out.printf("Machine: %d CPUs, max heap %d MB, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        for (int size : sizes) {
            Path directory = Files.createTempDirectory("crl-bench");
            try (TestDatabase db = PostgresServer.get().newDatabase()) {
                TestCa ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
                long insertStart = System.nanoTime();
                // Revoked certificates straight into the table: the CRL path only reads these columns.
                ca.jdbc.sql("""
                        insert into certificate (ca_id, serial, status, subject_dn, not_before, not_after, profile, requester,
                            public_key_sha256, tbs, der, sha256, issued_at, revoked_at, revocation_reason, invalidity_date)
                        select ?, 100000000000000000000::numeric + i::numeric * 7919, 'REVOKED', 'CN=bench ' || i,
                            now() - interval '30 days', now() + interval '335 days', 'individual', 'bench',
                            decode(md5(i::text), 'hex'), '\\x00'::bytea, '\\x00'::bytea,
                            decode(md5('c' || i) || md5('d' || i), 'hex'), now() - interval '30 days',
                            now() - interval '1 day', (i % 6)::smallint,
                            case when i % 6 = 1 then now() - interval '2 days' end
                        from generate_series(1, ?) i""").params(ca.issuing.id(), size).update();
                ca.jdbc.sql("analyze certificate").update();
                double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
                CrlIssuer crls = new CrlIssuer(db.dataSource(), new CaSigner(List.of(ca.storage)), CrlSchedule.defaults(),
                        new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                IssuedCrl crl = crls.issueFull(TestCa.ISSUING, "bench");
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%,d entries: full CRL in %.2f s, %,d bytes, peak heap %d MB (rows inserted in %.1f s)%n",
                        crl.entries(), seconds, crl.der().length, peakHeap() >> 20, insertSeconds);
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of each heap pool's peak: an upper bound of the heap the generation needed at once. */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
