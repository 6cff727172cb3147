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
import uz.eimzo.ca.bench.load.LoadDriver;
import uz.eimzo.ca.bench.load.LoadResult;
import uz.eimzo.ca.bench.load.Plan;
import uz.eimzo.ca.bench.load.ThreadedLoad;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
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
import java.util.stream.IntStream;

/**
 * OCSP at scale: N certificates of one CA bulk-inserted with COPY (every tenth revoked), our responder started against
 * them (a separate JVM, as deployed), warmed up with 30,000 nonce requests (which leave no cached answers), then nonce-free requests for serials drawn uniformly from all N at c=64: a first
 * pass of distinct requests (each serial's first answer) and a second pass of the same requests (cached answers),
 * each with rate and p99; the raw HTTP ceiling of the same server in the same run; start-up time (to the first
 * correct answer), heap and RSS; and a sample checked for correctness (revoked, good, never-issued serials). Every
 * answer of every pass is checked too ({@link OcspWorkload}: the serial asked, the status the certificate has).
 *
 * <p>The passes go to the responder's Netty listener ({@code -Dbench.listener=netty}, default) or to Tomcat's port
 * ({@code tomcat}); the raw HTTP ceiling of both is measured in the same run. The load driver is {@code -Dbench.driver}:
 * {@code nio} (one selector thread, default) or {@code threads} (64 blocking threads).
 *
 * <pre>java -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.ocsp.OcspScaleBench [responder jar] [certificates...]</pre>
 */
public final class OcspScaleBench {

    /** Tomcat's port and the Netty listener's ({@code eimzo.ocsp.netty.port}) of the same responder. */
    private static final int PORT = 18083;
    private static final int NETTY_PORT = 18087;
    private static final boolean TOMCAT = System.getProperty("bench.listener", "netty").equals("tomcat");
    /** Where the passes go. */
    private static final int LOAD_PORT = TOMCAT ? PORT : NETTY_PORT;
    private static final LoadDriver DRIVER = LoadDriver.chosen();
    private static final int OPENSSL_PORT = 18090;
    private static final int DISTINCT_REQUESTS = 100_000;
    private static final int SAMPLE = 300;
    private static final long SEED = 0x5eed_0c5bL;
    // Pre-signed answers take ~290 bytes a certificate: 10,000,000 want ~3 GB of heap beside the index (-Dbench.xmx=8g).
    private static final String RESPONDER_HEAP = "-Xmx" + System.getProperty("bench.xmx", "2g");
    // Which rows to run: both by default; at 10,000,000 a run may have to choose (-Dbench.modes=PRESIGNED).
    private static final List<Mode> MODES = Arrays.stream(System.getProperty("bench.modes", "SIGNED_ON_FIRST_ASK,PRESIGNED")
            .split(",")).map(String::trim).map(Mode::valueOf).toList();

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
        System.out.printf("Machine: %d CPUs (%s), %s %s, Java %s, %s; passes on the %s listener, %s driver%n",
                Runtime.getRuntime().availableProcessors(), OcspScaleProbes.cpuModel(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), Instant.now(),
                TOMCAT ? "Tomcat" : "Netty", DRIVER.name());
        System.out.printf(Locale.ROOT, "| P-256 signing (JDK, this JVM) | %,.0f/s on 1 thread, %,.0f/s on 2 threads |%n",
                OcspScaleSideRuns.signingRate(KeyAlgorithm.EC_P256, 1), OcspScaleSideRuns.signingRate(KeyAlgorithm.EC_P256, 2));
        System.out.println("| certificates | answers | insert (COPY) | ready after start (index load) | pre-signing all | uniform, first pass | uniform, second pass | raw HTTP ceiling, Tomcat | raw HTTP ceiling, Netty | second pass / raw Tomcat | nonce (signed live) | sample correct | answers failing their check | heap used / RSS | load average (1 min) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
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

    /** Good bulk certificates revoked under load, far from the start of the sequence the sample draws from. */
    private static final List<Integer> REVOKED_UNDER_LOAD = IntStream.iterate(1_000, i -> i + 37).filter(i -> !revoked(i))
            .limit(20).boxed().toList();

    private void run(int certificates) throws Exception {
        TestDatabase db = PostgresServer.get().newDatabase();
        TestCa ca = TestCa.create(db.dataSource(), work);
        OcspScaleProbes.progress("inserting %,d certificates with COPY", certificates);
        long insertStart = System.nanoTime();
        BulkCertificates.insert(db, ca.issuing.id(), certificates);
        double insertSeconds = (System.nanoTime() - insertStart) / 1e9;
        OcspScaleProbes.progress("COPY of %,d certificates: %.1f s", certificates, insertSeconds);
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("analyze certificate");
        }

        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(ca.issuing.certificate()));
        DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
        SplittableRandom pick = new SplittableRandom(SEED);
        List<OcspWorkload.Ask> distinct = new ArrayList<>();
        for (int n = 0; n < DISTINCT_REQUESTS; n++) {
            distinct.add(ask(issuer, sha1, pick.nextInt(certificates), "/ocsp", null));
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
            List<OcspWorkload.Ask> bodies = new ArrayList<>();
            SplittableRandom again = new SplittableRandom(SEED);
            for (int n = 0; n < DISTINCT_REQUESTS; n++) {
                int i = again.nextInt(certificates);
                OcspWorkload.Ask ask = ask(issuer, sha1, i, "/", null);
                // The row before revoked these under load; openssl's index is written from the database after it.
                bodies.add(MODES.contains(Mode.PRESIGNED) && REVOKED_UNDER_LOAD.contains(i)
                        ? new OcspWorkload.Ask(ask.http(), ask.serial(), "revoked", null) : ask);
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
                         int certificates, List<OcspWorkload.Ask> distinct, Mode mode, double insertSeconds) throws Exception {
        int caId = ca.issuing.id();
        long started = System.nanoTime();
        Process responder = start(db, mode, PORT, NETTY_PORT, "scale-bench", "responder.log");
        try {
            byte[] probe = new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial(0))).build().getEncoded();
            String meanwhile = OcspScaleProbes.awaitCorrectAnswer(caSide, issuer, sha1, LOAD_PORT, work.resolve("responder.log"));
            double readySeconds = (System.nanoTime() - started) / 1e9;
            OcspScaleProbes.progress("%s: ready after %.1f s (index %s); before: %s; %s", mode.label, readySeconds, indexLoad(caId, "responder.log"),
                    meanwhile, OcspScaleProbes.memory(responder));
            String presigning = mode == Mode.PRESIGNED ? awaitPresigned(certificates, "responder.log") : "-";
            if (mode == Mode.PRESIGNED) {
                OcspScaleProbes.progress("pre-signed: %s; %s", presigning, OcspScaleProbes.memory(responder));
            }
            // A fresh JVM: let the JIT compile parsing, look-up and signing first, with requests that leave no cached
            // answers behind (a nonce is signed afresh every time); then the same again, measured.
            OcspWorkload nonced = new OcspWorkload(warmUp(issuer, sha1, certificates));
            Plan onceEach = Plan.once(Plan.CONNECTIONS, 30_000);
            DRIVER.run(LOAD_PORT, onceEach, nonced);
            LoadResult nonce = pass("nonce", LOAD_PORT, onceEach, nonced);
            Plan onceEachDistinct = Plan.once(Plan.CONNECTIONS, distinct.size());
            LoadResult first = pass("first pass", LOAD_PORT, onceEachDistinct, new OcspWorkload(distinct));
            LoadResult second = pass("second pass", LOAD_PORT, onceEachDistinct, new OcspWorkload(distinct));
            // The listener the passes did not use is not compiled by the JIT yet (a 5 s warm-up on garbage left Tomcat at
            // a sixth of its ceiling under load 15): it answers the same requests first, then both get 10 s of garbage.
            pass("second pass again, on the other listener", TOMCAT ? NETTY_PORT : PORT, onceEachDistinct, new OcspWorkload(distinct));
            OcspWorkload tomcatGarbage = new OcspWorkload(List.of(OcspWorkload.garbage(PORT)));
            OcspWorkload nettyGarbage = new OcspWorkload(List.of(OcspWorkload.garbage(NETTY_PORT)));
            Plan warmUp = Plan.timed(Plan.CONNECTIONS, 0, 10_000);
            DRIVER.run(PORT, warmUp, tomcatGarbage);
            DRIVER.run(NETTY_PORT, warmUp, nettyGarbage);
            Plan timed = Plan.timed(Plan.CONNECTIONS, 1_000, 5_000);
            LoadResult rawTomcat = pass("raw HTTP ceiling, Tomcat", PORT, timed, tomcatGarbage);
            LoadResult rawNetty = pass("raw HTTP ceiling, Netty", NETTY_PORT, timed, nettyGarbage);
            String sample = sample(issuer, sha1, certificates);
            String memory = OcspScaleProbes.memory(responder);
            String load = indexLoad(caId, "responder.log");
            System.out.printf(Locale.ROOT, "| %,d | %s | %.1f s | %.1f s (%s) | %s | %s | %s | %s | %s | %.2f | %s | %s | %d | %s | %s |%n",
                    certificates, mode.label, insertSeconds, readySeconds, load, presigning, cell(first), cell(second),
                    cell(rawTomcat), cell(rawNetty), second.rate() / rawTomcat.rate(), cell(nonce), sample,
                    nonce.failed() + first.failed() + second.failed() + rawTomcat.failed() + rawNetty.failed(), memory,
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
                                 byte[] probe, List<OcspWorkload.Ask> distinct) throws Exception {
        long started = System.nanoTime();
        // Any free port: a fixed one may be taken by something else on a shared machine.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        int nettyPort;
        try (ServerSocket free = new ServerSocket(0)) {
            nettyPort = free.getLocalPort();
        }
        Process second = start(db, Mode.PRESIGNED, port, nettyPort, "scale-bench-2", "responder-2.log");
        int loadPort = TOMCAT ? port : nettyPort;
        try {
            String meanwhile = OcspScaleProbes.awaitCorrectAnswer(caSide, issuer, new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), loadPort, work.resolve("responder-2.log"));
            double joined = (System.nanoTime() - started) / 1e9;
            OcspScaleProbes.progress("second responder joined cold: answering after %.1f s; before: %s", joined, meanwhile);
            List<BigInteger> serials = REVOKED_UNDER_LOAD.stream().map(OcspScaleBench::serial).toList();
            DigestCalculator sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
            String delays = OcspScaleSideRuns.revocationUnderLoad(db, caId, new int[]{LOAD_PORT, loadPort},
                    List.of(distinct, distinct), serials, serial -> {
                        try {
                            return OcspWorkload.post(LOAD_PORT, "/ocsp", new OCSPReqBuilder()
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

    private Process start(TestDatabase db, Mode mode, int port, int nettyPort, String name, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, RESPONDER_HEAP));
        // e.g. -Dbench.responder.jvm=-XX:StartFlightRecording=filename=r.jfr,settings=profile to profile the passes
        command.addAll(Arrays.stream(System.getProperty("bench.responder.jvm", "").split(" "))
                .filter(option -> !option.isBlank()).toList());
        command.addAll(List.of("-jar", responderJar.toString(),
                "--server.port=" + port,
                "--eimzo.ocsp.netty.port=" + nettyPort,
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
                "--logging.level.uz.eimzo.ocsp.status=INFO"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(work.resolve(log).toFile()).start();
    }

    private static List<OcspWorkload.Ask> warmUp(X509CertificateHolder issuer, DigestCalculator sha1, int certificates) throws Exception {
        SplittableRandom random = new SplittableRandom(SEED * 7);
        List<OcspWorkload.Ask> requests = new ArrayList<>();
        for (int n = 0; n < 30_000; n++) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            requests.add(ask(issuer, sha1, random.nextInt(certificates), "/ocsp", new DEROctetString(nonce)));
        }
        return requests;
    }

    /** A request about the i-th bulk certificate (with a nonce, or null), its answer checked for the status it has. */
    private static OcspWorkload.Ask ask(X509CertificateHolder issuer, DigestCalculator sha1, int i, String path,
                                        DEROctetString nonce) throws Exception {
        OCSPReqBuilder request = new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial(i)));
        if (nonce != null) {
            request.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce)));
        }
        return new OcspWorkload.Ask(OcspWorkload.post(LOAD_PORT, path, request.build().getEncoded()), serial(i).toByteArray(),
                revoked(i) ? "revoked" : "good", nonce == null ? null : nonce.getEncoded());
    }

    private static LoadResult pass(String name, int port, Plan plan, OcspWorkload workload) throws Exception {
        LoadResult result = DRIVER.run(port, plan, workload);
        OcspScaleProbes.progress("%s: %s; %s", name, result.brief(), result.outcomesText());
        return result;
    }

    private static String cell(LoadResult result) {
        return String.format(Locale.ROOT, "%,.0f/s, p99 %.1f ms", result.rate(), result.p99Millis());
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
            byte[] der = ThreadedLoad.exchangeOnce(LOAD_PORT, OcspWorkload.post(LOAD_PORT, "/ocsp",
                    new OCSPReqBuilder().addRequest(new CertificateID(sha1, issuer, serial)).build().getEncoded()));
            right += OcspScaleProbes.statusOf(der).equals(expected) ? 1 : 0;
        }
        return right + " of " + SAMPLE;
    }

}
