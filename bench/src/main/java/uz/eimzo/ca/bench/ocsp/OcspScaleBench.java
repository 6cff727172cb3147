package uz.eimzo.ca.bench.ocsp;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.postgresql.PGConnection;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * OCSP at scale: N certificates of one CA bulk-inserted with COPY (every tenth revoked), our responder started against
 * them (a separate JVM, as deployed), warmed up with 30,000 nonce requests (which leave no cached answers), then nonce-free requests for serials drawn uniformly from all N at c=64: a first
 * pass of distinct requests (each serial's first answer) and a second pass of the same requests (cached answers),
 * each with rate and p99; the raw HTTP ceiling of the same server in the same run; start-up time (to the first
 * correct answer), heap and RSS; and a sample checked for correctness (revoked, good, never-issued serials).
 *
 * <pre>java -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.ocsp.OcspScaleBench [responder jar] [certificates...]</pre>
 */
public final class OcspScaleBench {

    private static final int PORT = 18083;
    private static final int OPENSSL_PORT = 18090;
    private static final int DISTINCT_REQUESTS = 100_000;
    private static final int SAMPLE = 300;
    private static final long SEED = 0x5eed_0c5bL;
    // Pre-signed answers take ~290 bytes a certificate: 10,000,000 want ~3 GB of heap beside the index (-Dbench.xmx=8g).
    private static final String RESPONDER_HEAP = "-Xmx" + System.getProperty("bench.xmx", "2g");
    // Which rows to run: both by default; at 10,000,000 a run may have to choose (-Dbench.modes=PRESIGNED).
    private static final List<Mode> MODES = Arrays.stream(System.getProperty("bench.modes", "SIGNED_ON_FIRST_ASK,PRESIGNED")
            .split(",")).map(String::trim).map(Mode::valueOf).toList();
    // Bodies are numbered in 24 bits when the COPY is sorted by serial.
    private static final int MAX_CERTIFICATES = 1 << 24;

    private final Path work;
    private final Path responderJar;

    private OcspScaleBench(Path work, Path responderJar) {
        this.work = work;
        this.responderJar = responderJar;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "ocsp-responder/target/ocsp-responder-exec.jar").toAbsolutePath();
        List<Integer> sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).map(Integer::parseInt).toList() : List.of(10_000, 1_000_000);
        System.out.printf("Machine: %d CPUs (%s), %s %s, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                OcspScaleProbes.cpuModel(), System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"),
                Instant.now());
        System.out.printf(Locale.ROOT, "| P-256 signing (JDK, this JVM) | %,.0f/s on 1 thread, %,.0f/s on 2 threads |%n",
                OcspScaleSideRuns.signingRate(1), OcspScaleSideRuns.signingRate(2));
        System.out.println("| certificates | answers | insert (COPY) | ready after start (index load) | pre-signing all | uniform, first pass | uniform, second pass | raw HTTP ceiling | nonce (signed live) | sample correct | heap used / RSS | load average (1 min) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int size : sizes) {
            new OcspScaleBench(Files.createTempDirectory("ocsp-scale"), jar).run(size);
        }
    }

    /** The i-th bulk serial: positive, 127 bits at most, at least 64, as the CA's own serials are. */
    static BigInteger serial(int i) {
        SplittableRandom random = new SplittableRandom(SEED + 0x9E3779B97F4A7C15L * i);
        long hi = (random.nextLong() >>> 1) | 1L;
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(random.nextLong())));
    }

    static boolean revoked(int i) {
        return i % 10 == 9;
    }

    private void run(int certificates) throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();
        TestCa ca = TestCa.create(db.dataSource(), work);
        OcspScaleProbes.progress("inserting %,d certificates with COPY", certificates);
        long insertStart = System.nanoTime();
        insert(db, ca.issuing.id(), certificates);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        OcspScaleProbes.progress("COPY of %,d certificates: %.1f s", certificates, insertSeconds);
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("analyze certificate");
        }

        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(ca.issuing.certificate()));
        DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        SplittableRandom pick = new SplittableRandom(SEED);
        List<byte[]> distinct = new ArrayList<>();
        for (int n = 0; n < DISTINCT_REQUESTS; n++) {
            BigInteger serial = serial(pick.nextInt(certificates));
            distinct.add(OcspLoad.post("127.0.0.1", PORT, "/ocsp",
                    new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial)).build().getEncoded()));
        }

        ResponderCertificates caSide = new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), Duration.ofDays(7));
        try {
            // The same certificates, the same requests: signed on first ask (index only), then pre-signed, which ends
            // with revocations under load on two responders (so the sample of the first row is not disturbed).
            for (Mode mode : MODES) {
                measure(db, ca, caSide, issuer, sha1, certificates, distinct, mode, insertSeconds);
            }
            byte[] probe = new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial(0))).build().getEncoded();
            List<byte[]> bodies = new ArrayList<>();
            SplittableRandom again = new SplittableRandom(SEED);
            for (int n = 0; n < DISTINCT_REQUESTS; n++) {
                bodies.add(new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial(again.nextInt(certificates))))
                        .build().getEncoded());
            }
            OcspScaleProbes.progress("openssl ocsp -index on the same certificates");
            System.out.printf(Locale.ROOT, "| %,d | openssl ocsp -index -multi 2 | %s |%n", certificates,
                    OcspScaleSideRuns.openssl(db, ca, work, OPENSSL_PORT, probe, bodies));
        } finally {
            db.close();
        }
    }

    /** How nonce-free answers are made. */
    private enum Mode {
        SIGNED_ON_FIRST_ASK("index, signed on first ask"), PRESIGNED("index, pre-signed");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private void measure(TestDatabase db, TestCa ca, ResponderCertificates caSide, X509CertificateHolder issuer, DigestCalculator sha1,
                         int certificates, List<byte[]> distinct, Mode mode, double insertSeconds) throws Exception {
        int caId = ca.issuing.id();
        long started = System.nanoTime();
        Process responder = start(db, mode, PORT, "scale-bench");
        try {
            byte[] probe = new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial(0))).build().getEncoded();
            String meanwhile = OcspScaleProbes.awaitCorrectAnswer(caSide, issuer, sha1, PORT, work.resolve("responder.log"));
            double readySeconds = (System.nanoTime() - started) / 1e9;
            OcspScaleProbes.progress("%s: ready after %.1f s (index %s); before: %s; %s", mode.label, readySeconds, indexLoad(caId, "responder.log"),
                    meanwhile, OcspScaleProbes.memory(responder));
            String presigning = mode == Mode.PRESIGNED ? awaitPresigned(certificates, "responder.log") : "-";
            if (mode == Mode.PRESIGNED) {
                OcspScaleProbes.progress("pre-signed: %s; %s", presigning, OcspScaleProbes.memory(responder));
            }
            // A fresh JVM: let the JIT compile parsing, look-up and signing first, with requests that leave no cached
            // answers behind (a nonce is signed afresh every time); then the same again, measured.
            List<byte[]> nonced = warmUp(issuer, sha1, certificates);
            OcspLatencyLoad.pass(PORT, nonced, 0, true);
            OcspLatencyLoad.Pass nonce = OcspLatencyLoad.pass(PORT, nonced, 0, true);
            OcspScaleProbes.progress("nonce: %,.0f/s, p99 %.1f ms", nonce.rate(), nonce.p99Millis());
            OcspLatencyLoad.Pass first = OcspLatencyLoad.pass(PORT, distinct, 0, true);
            OcspScaleProbes.progress("first pass: %,.0f/s, p99 %.1f ms", first.rate(), first.p99Millis());
            OcspLatencyLoad.Pass second = OcspLatencyLoad.pass(PORT, distinct, 0, true);
            OcspScaleProbes.progress("second pass: %,.0f/s, p99 %.1f ms", second.rate(), second.p99Millis());
            OcspLatencyLoad.Pass raw = OcspLatencyLoad.pass(PORT, List.of(OcspLoad.post("127.0.0.1", PORT, "/ocsp", "garbage".getBytes())), 5_000, false);
            OcspScaleProbes.progress("raw HTTP ceiling: %,.0f/s, p99 %.1f ms", raw.rate(), raw.p99Millis());
            String sample = sample(issuer, sha1, certificates);
            String memory = OcspScaleProbes.memory(responder);
            String load = indexLoad(caId, "responder.log");
            System.out.printf(Locale.ROOT, "| %,d | %s | %.1f s | %.1f s (%s) | %s | %,.0f/s, p99 %.1f ms | %,.0f/s, p99 %.1f ms | %,.0f/s, p99 %.1f ms | %,.0f/s, p99 %.1f ms | %s | %s | %s |%n",
                    certificates, mode.label, insertSeconds, readySeconds, load, presigning, first.rate(), first.p99Millis(),
                    second.rate(), second.p99Millis(), raw.rate(), raw.p99Millis(), nonce.rate(), nonce.p99Millis(), sample, memory,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            if (mode == Mode.PRESIGNED) {
                revokeUnderLoad(db, caId, caSide, issuer, probe, distinct);
            }
        } finally {
            stop(responder);
        }
    }

    /** A second responder (own key, same database) joins; both answer uniform load while certificates are revoked. */
    private void revokeUnderLoad(TestDatabase db, int caId, ResponderCertificates caSide, X509CertificateHolder issuer,
                                 byte[] probe, List<byte[]> distinct) throws Exception {
        long started = System.nanoTime();
        // Any free port: a fixed one may be taken by something else on a shared machine.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process second = start(db, Mode.PRESIGNED, port, "scale-bench-2");
        try {
            String meanwhile = OcspScaleProbes.awaitCorrectAnswer(caSide, issuer, new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), port, work.resolve("responder-2.log"));
            double joined = (System.nanoTime() - started) / 1e9;
            OcspScaleProbes.progress("second responder joined cold: answering after %.1f s; before: %s", joined, meanwhile);
            List<BigInteger> serials = new ArrayList<>();
            // Good bulk certificates far from the start of the sequence the sample draws from.
            for (int i = 1_000; serials.size() < 20; i += 37) {
                if (!revoked(i)) {
                    serials.add(serial(i));
                }
            }
            DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
            String delays = OcspScaleSideRuns.revocationUnderLoad(db, caId, new int[]{PORT, port},
                    List.of(distinct, distinct), serials, serial -> {
                        try {
                            return OcspLoad.post("127.0.0.1", PORT, "/ocsp", new OCSPReqBuilder()
                                    .addRequest(new CertificateID(sha1, issuer, serial)).build().getEncoded());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            System.out.printf(Locale.ROOT, "| revocation -> revoked, two responders under uniform load (c=64 each) | second joined cold, answering after %.1f s, pre-signing meanwhile | %s |%n",
                    joined, delays);
        } finally {
            stop(second);
        }
    }

    private String indexLoad(int caId, String log) throws IOException {
        return Files.readAllLines(work.resolve(log)).stream()
                .filter(l -> l.contains("Status index: CA " + caId + " loaded in"))
                .map(l -> l.replaceAll(".* loaded in (\\d+) ms.*", "$1 ms")).findFirst().orElse("-");
    }

    private static void stop(Process responder) throws InterruptedException {
        responder.destroy();
        if (!responder.waitFor(10, TimeUnit.SECONDS)) {
            responder.destroyForcibly();
        }
        // The next responder binds the same port.
        Thread.sleep(1000);
    }

    /**
     * Until the pre-signer holds an answer for every certificate (a sweep skips those the index cannot vouch for at that
     * moment, e.g. after a lost notification connection; the next sweep signs them): how long that took.
     */
    private String awaitPresigned(int certificates, String log) throws Exception {
        long started = System.nanoTime();
        for (long deadline = started + TimeUnit.SECONDS.toNanos(3600); System.nanoTime() < deadline; Thread.sleep(500)) {
            boolean all = Files.readAllLines(work.resolve(log)).stream()
                    .filter(l -> l.contains("Pre-signed answers: CA "))
                    .map(l -> Long.parseLong(l.replaceAll(".*, (\\d+) held.*", "$1")))
                    .anyMatch(held -> held >= certificates);
            if (all) {
                return String.format(Locale.ROOT, "%,d in %.0f s", certificates, (System.nanoTime() - started) / 1e9);
            }
        }
        throw new IllegalStateException("The pre-signer never finished; see " + work.resolve(log));
    }

    /**
     * COPY in CSV; bytea columns in hex; only the columns the responder reads carry real values. Rows go in ascending
     * serial order (as near as the top 39 bits sort them), so the primary key and the two hash indexes (which hold the
     * serial's bytes here) grow at their right edge instead of at random places: at 10,000,000 a random-order COPY
     * spends its time in index pages going in and out of shared buffers.
     */
    private static void insert(TestDatabase db, int caId, int certificates) throws Exception {
        if (certificates > MAX_CERTIFICATES) {
            throw new IllegalArgumentException("at most " + MAX_CERTIFICATES + " certificates");
        }
        long[] order = new long[certificates];
        for (int i = 0; i < certificates; i++) {
            order[i] = (serial(i).shiftRight(64 + 24).longValue() << 24) | i;
        }
        Arrays.sort(order);
        try (Connection connection = db.dataSource().getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            HexFormat hex = HexFormat.of();
            pg.getCopyAPI().copyIn("""
                    copy certificate (ca_id, serial, status, subject_dn, not_before, not_after, profile, requester,
                        public_key_sha256, tbs, der, sha256, issued_at, revoked_at, revocation_reason) from stdin (format csv)""",
                    new Reader() {
                        private int next;
                        private final StringBuilder buffer = new StringBuilder();
                        private int position;

                        @Override
                        public int read(char[] into, int offset, int length) {
                            while (position == buffer.length()) {
                                if (next == certificates) {
                                    return -1;
                                }
                                buffer.setLength(0);
                                position = 0;
                                for (int k = 0; k < 1000 && next < certificates; k++, next++) {
                                    int i = (int) (order[next] & (MAX_CERTIFICATES - 1));
                                    BigInteger serial = serial(i);
                                    String key = "\\x" + hex.formatHex(serial.toByteArray());
                                    boolean revoked = revoked(i);
                                    buffer.append(caId).append(',').append(serial).append(',')
                                            .append(revoked ? "REVOKED" : "GOOD").append(",CN=bench ").append(i)
                                            .append(",2026-01-01 00:00:00+00,2028-01-01 00:00:00+00,individual,bench,")
                                            .append(key).append(",\\x00,\\x00,").append(key).append(",2026-01-01 00:00:00+00,")
                                            .append(revoked ? "2026-06-01 00:00:00+00,1" : ",").append('\n');
                                }
                            }
                            int n = Math.min(length, buffer.length() - position);
                            buffer.getChars(position, position + n, into, offset);
                            position += n;
                            return n;
                        }

                        @Override
                        public void close() {
                        }
                    });
        }
    }

    private Process start(TestDatabase db, Mode mode, int port, String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, RESPONDER_HEAP, "-jar", responderJar.toString(),
                "--server.port=" + port,
                "--management.server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--eimzo.ocsp.responder-name=" + name,
                "--eimzo.ocsp.keys.pkcs12-file=" + work.resolve(name + ".p12"),
                "--eimzo.ocsp.keys.password=bench-password",
                "--eimzo.ocsp.keys.check-interval=PT1S",
                "--eimzo.ocsp.presign.enabled=" + (mode == Mode.PRESIGNED),
                "--logging.level.root=WARN",
                "--logging.level.uz.eimzo.ocsp.status=INFO")
                .redirectErrorStream(true).redirectOutput(work.resolve(port == PORT ? "responder.log" : "responder-2.log").toFile()).start();
    }

    private static List<byte[]> warmUp(X509CertificateHolder issuer, DigestCalculator sha1, int certificates) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED * 7);
        List<byte[]> requests = new ArrayList<>();
        for (int n = 0; n < 30_000; n++) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            requests.add(OcspLoad.post("127.0.0.1", PORT, "/ocsp", new OCSPReqBuilder()
                    .addRequest(new CertificateID(sha1, issuer, serial(random.nextInt(certificates))))
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(nonce)))).build().getEncoded()));
        }
        return requests;
    }

    /** Checks revoked, good and never-issued serials, with nonce-free requests as relying parties send them. */
    private static String sample(X509CertificateHolder issuer, DigestCalculator sha1, int certificates) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED * 31);
        int right = 0;
        for (int n = 0; n < SAMPLE; n++) {
            int i = random.nextInt(certificates);
            BigInteger serial;
            String expected;
            if (n % 3 == 2) {
                serial = new BigInteger(126, new Random(random.nextLong())).setBit(125);
                expected = "unknown";
            } else {
                serial = serial(i);
                expected = revoked(i) ? "revoked" : "good";
            }
            byte[] der = OcspLatencyLoad.exchangeOnce(PORT, OcspLoad.post("127.0.0.1", PORT, "/ocsp",
                    new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial)).build().getEncoded()));
            right += OcspScaleProbes.statusOf(der).equals(expected) ? 1 : 0;
        }
        return right + " of " + SAMPLE;
    }

}
