package uz.eimzo.ca.bench.ocsp;

import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.bench.load.LoadDriver;
import uz.eimzo.ca.bench.load.LoadResult;
import uz.eimzo.ca.bench.load.Plan;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * OCSP throughput, side by side in one run: our responder (a separate JVM, as deployed) and {@code openssl ocsp
 * -index ... -multi 2} serving the same certificates, cached (no nonce) and uncached (nonce) requests, P-256 and
 * RSA-2048 responder keys, concurrency 1/8/64, on Tomcat's port and on the Netty listener of the same process; plus
 * the raw HTTP ceiling of both listeners, the JCA signing rate, and the load average beside each key's rows.
 *
 * <pre>java -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.ocsp.OcspBench [responder jar] [seconds per run] [http-paths]</pre>
 *
 * With {@code http-paths}: only Tomcat's port against the Netty listener of one P-256 responder, at c=64, in
 * interleaved rounds (so a busy machine's swings fall on both alike), each round with its load average, once per load
 * driver ({@code -Dbench.drivers=threads,nio}, the default: both in the same run, so the driver's own share shows);
 * {@code -Dbench.rounds} (5). Elsewhere the driver is {@code -Dbench.driver} ({@code nio}, default, or {@code threads}).
 * Every answer is checked ({@link OcspWorkload}): status, serial, and the status each certificate must have.
 */
public final class OcspBench {

    private static final int OUR_PORT = 18081;
    private static final int OPENSSL_PORT = 18082;
    /** The same responder's optional Netty listener (eimzo.ocsp.netty.port): same cache, same signer, lighter HTTP. */
    private static final int NETTY_PORT = 18083;
    private static final int CERTIFICATES = 100;
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path work;
    private final Path responderJar;
    private final long measureMillis;
    private final long warmupMillis;
    private final List<Process> processes = new ArrayList<>();
    /** good or revoked, for each certificate's request in the order of the request lists. */
    private final List<String> expected = new ArrayList<>();
    private final LoadDriver driver = LoadDriver.chosen();

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    private OcspBench(Path work, Path responderJar, long measureMillis) {
        this.work = work;
        this.responderJar = responderJar;
        this.measureMillis = measureMillis;
        this.warmupMillis = Math.max(1000, measureMillis / 2);
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "ocsp-responder/target/ocsp-responder-exec.jar").toAbsolutePath();
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
        OcspBench bench = new OcspBench(Files.createTempDirectory("ocsp-bench"), jar, seconds * 1000);
        try {
            bench.run(args.length > 2 && args[2].equals("http-paths"));
        } finally {
            bench.stopAll();
        }
    }

    private void run(boolean httpPathsOnly) throws Exception {
        System.out.printf("Machine: %d CPUs (%s), %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                OcspScaleProbes.cpuModel(), System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
        TestDatabase db = PostgresServer.get().newDatabase();
        TestCa ca = TestCa.create(db.dataSource(), work);
        List<IssuedCertificate> certificates = new ArrayList<>();
        for (int i = 0; i < CERTIFICATES; i++) {
            KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
            IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                    TestCa.individual(), key.getPublic(), "bench", RegistrationIds.NONE));
            if (i % 10 == 9) {
                ca.services.revocations().revoke(TestCa.ISSUING, issued.serial(), RevocationReason.KEY_COMPROMISE, null, "bench");
            }
            expected.add(i % 10 == 9 ? "revoked" : "good");
            certificates.add(issued);
        }
        Path issuer = pem("issuing.pem", Certificates.pem(ca.issuing.certificate()));
        Path index = writeIndex(certificates);
        List<byte[]> cached = new ArrayList<>();
        List<byte[]> uncached = new ArrayList<>();
        for (IssuedCertificate certificate : certificates) {
            Path leaf = pem("leaf-" + certificate.serial().toString(16) + ".pem", Certificates.pem(certificate.certificate()));
            cached.add(request(issuer, leaf, false));
            uncached.add(request(issuer, leaf, true));
        }
        if (httpPathsOnly) {
            httpPaths(db, ca, cached, uncached);
            return;
        }

        System.out.println();
        System.out.println("JCA signing rate in this JVM (signatures/s):");
        OcspScaleSideRuns.signingRate(KeyAlgorithm.EC_P256, 2); // JIT warm-up, not reported
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048)) {
            System.out.printf("  %-9s 1 thread %8.0f   2 threads %8.0f%n", algorithm,
                    OcspScaleSideRuns.signingRate(algorithm, 1), OcspScaleSideRuns.signingRate(algorithm, 2));
        }

        ResponderCertificates caSide = new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), Duration.ofDays(7));
        System.out.println();
        System.out.println("| responder | key | requests | c=1 | c=8 | c=64 |");
        System.out.println("|---|---|---|---:|---:|---:|");
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048)) {
            Process ours = startOurs(db, algorithm);
            awaitOurs(caSide, cached.getFirst());
            Process openssl = startOpenssl(ca, index, issuer, algorithm);
            awaitPort(OPENSSL_PORT);
            // A fresh JVM: let the JIT compile the hot paths before anything is measured.
            for (int port : new int[]{OUR_PORT, NETTY_PORT}) {
                for (List<byte[]> bodies : List.of(cached, uncached, cached)) {
                    driver.run(port, Plan.timed(8, 0, warmupMillis * 2), workload(port, bodies));
                }
            }
            String key = algorithm == KeyAlgorithm.EC_P256 ? "P-256" : "RSA-2048";
            System.out.println("| load average before " + key + ": " + loadAverage() + " | | | | | |");
            row("ours", key, "cached (no nonce)", OUR_PORT, cached);
            row("ours on Netty", key, "cached (no nonce)", NETTY_PORT, cached);
            row("openssl -multi 2", key, "no nonce", OPENSSL_PORT, cached);
            row("ours", key, "uncached (nonce)", OUR_PORT, uncached);
            row("ours on Netty", key, "uncached (nonce)", NETTY_PORT, uncached);
            row("openssl -multi 2", key, "nonce", OPENSSL_PORT, uncached);
            if (algorithm == KeyAlgorithm.EC_P256) {
                // The ceiling: the same server answering a static malformedRequest, no database, no signing (on Netty
                // the garbage misses the request cache, so it is parsed off the event loop like any miss).
                row("ours: raw HTTP ceiling", "-", "garbage -> malformedRequest", OUR_PORT, null);
                row("ours on Netty: raw HTTP ceiling", "-", "garbage -> malformedRequest", NETTY_PORT, null);
            }
            System.out.println("| load average after " + key + ": " + loadAverage() + " | | | | | |");
            stop(ours);
            stop(openssl);
        }
        db.close();
    }

    /**
     * Tomcat's raw ceiling, cached and nonce answers against the Netty listener's, round after round, at c=64, with each
     * driver in turn (the order alternating between rounds); then the medians per driver.
     */
    private void httpPaths(TestDatabase db, TestCa ca, List<byte[]> cached, List<byte[]> uncached) throws Exception {
        Process ours = startOurs(db, KeyAlgorithm.EC_P256);
        awaitOurs(new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(), ca.services.issuer(),
                Duration.ofDays(7)), cached.getFirst());
        for (int port : new int[]{OUR_PORT, NETTY_PORT}) {
            for (List<byte[]> bodies : Arrays.asList(cached, uncached, null, cached)) {
                driver.run(port, Plan.timed(Plan.CONNECTIONS, 0, warmupMillis * 2), workload(port, bodies));
            }
        }
        List<LoadDriver> drivers = Arrays.stream(System.getProperty("bench.drivers", "threads,nio").split(","))
                .map(String::trim).map(LoadDriver::named).toList();
        System.out.println("| round | driver | load average (1, 5 min) | Tomcat raw ceiling | Tomcat cached | Netty cached | Netty raw ceiling | Tomcat nonce | Netty nonce | Netty cached / Tomcat raw | Netty cached p50 / p99 | driver CPU per answer (Netty cached) |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Map<String, List<double[]>> byDriver = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            List<LoadDriver> order = new ArrayList<>(drivers);
            if (round % 2 == 0) {
                order = order.reversed();
            }
            for (LoadDriver each : order) {
                String load = loadAverage();
                LoadResult tomcatRaw = cell(each, "Tomcat raw", OUR_PORT, null);
                LoadResult tomcatCached = cell(each, "Tomcat cached", OUR_PORT, cached);
                LoadResult nettyCached = cell(each, "Netty cached", NETTY_PORT, cached);
                LoadResult nettyRaw = cell(each, "Netty raw", NETTY_PORT, null);
                LoadResult tomcatNonce = cell(each, "Tomcat nonce", OUR_PORT, uncached);
                LoadResult nettyNonce = cell(each, "Netty nonce", NETTY_PORT, uncached);
                double[] rates = {tomcatRaw.rate(), tomcatCached.rate(), nettyCached.rate(), nettyRaw.rate(),
                        tomcatNonce.rate(), nettyNonce.rate(), nettyCached.rate() / tomcatRaw.rate(),
                        nettyCached.p50Millis(), nettyCached.p99Millis(), nettyCached.driverCpuMicros()};
                byDriver.computeIfAbsent(each.name(), k -> new ArrayList<>()).add(rates);
                System.out.println(httpPathsRow(String.valueOf(round), each.name(),
                        load.substring(0, load.indexOf(' ', load.indexOf(' ') + 1)), rates));
            }
        }
        byDriver.forEach((name, rows) -> {
            double[] medians = new double[rows.getFirst().length];
            for (int k = 0; k < medians.length; k++) {
                int column = k;
                double[] sorted = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
                medians[k] = sorted[sorted.length / 2];
            }
            System.out.println(httpPathsRow("median", name, "", medians));
        });
        stop(ours);
        db.close();
    }

    private static String httpPathsRow(String round, String driver, String load, double[] v) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.1f / %.1f ms | %.1f µs |",
                round, driver, load, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    /** One measured cell at c=64; answers that failed their check are shown on a line of their own. */
    private LoadResult cell(LoadDriver with, String name, int port, List<byte[]> bodies) throws Exception {
        LoadResult result = with.run(port, Plan.timed(Plan.CONNECTIONS, warmupMillis, measureMillis), workload(port, bodies));
        if (result.failed() > 0) {
            System.out.println("  (" + with.name() + ", " + name + ": " + result.outcomesText() + ")");
        }
        return result;
    }

    /** The requests for {@code port}, each answer checked for its certificate's status; null: garbage (raw ceiling). */
    private OcspWorkload workload(int port, List<byte[]> bodies) {
        if (bodies == null) {
            return new OcspWorkload(List.of(OcspWorkload.garbage(port)));
        }
        List<OcspWorkload.Ask> asks = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            asks.add(OcspWorkload.ask(port, "/ocsp", bodies.get(i), expected.get(i)));
        }
        return new OcspWorkload(asks);
    }

    private void row(String server, String key, String kind, int port, List<byte[]> bodies) throws Exception {
        StringBuilder row = new StringBuilder("| " + server + " | " + key + " | " + kind + " |");
        for (int concurrency : new int[]{1, 8, 64}) {
            LoadResult result = driver.run(port, Plan.timed(concurrency, warmupMillis, measureMillis), workload(port, bodies));
            row.append(String.format(Locale.ROOT, " %,.0f%s |", result.rate(),
                    result.failed() > 0 ? " (" + result.outcomesText() + ")" : ""));
        }
        System.out.println(row);
    }

    private Process startOurs(TestDatabase db, KeyAlgorithm algorithm) throws IOException {
        String name = "bench-" + algorithm.name().toLowerCase(Locale.ROOT);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return start(name, List.of(java, "-Xmx512m", "-jar", responderJar.toString(),
                "--server.port=" + OUR_PORT,
                "--eimzo.ocsp.netty.port=" + NETTY_PORT,
                "--management.server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--eimzo.ocsp.responder-name=" + name,
                "--eimzo.ocsp.keys.pkcs12-file=" + work.resolve(name + ".p12"),
                "--eimzo.ocsp.keys.password=bench-password",
                "--eimzo.ocsp.keys.check-interval=PT1S",
                "--logging.level.root=WARN"));
    }

    private void awaitOurs(ResponderCertificates caSide, byte[] probe) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); System.nanoTime() < deadline; Thread.sleep(200)) {
            caSide.issuePending("bench");
            try {
                byte[] body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + OUR_PORT + "/ocsp"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(probe)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
                if (body.length > 10) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
        }
        throw new IllegalStateException("Our responder did not come up; see " + work);
    }

    private Process startOpenssl(TestCa ca, Path index, Path issuer, KeyAlgorithm algorithm) throws Exception {
        // openssl signs with a delegated responder certificate too, issued by the same CA for a key of the same type.
        KeyPair pair = algorithm.generate(new SecureRandom());
        CertificateAuthority issuing = ca.issuing;
        var certificate = ca.services.issuer().delegated().ocspResponder(issuing,
                List.of(new DnAttribute(DnAttribute.CN, "openssl bench responder " + algorithm)), pair.getPublic(),
                Duration.ofDays(7), "bench");
        Path cert = pem("openssl-" + algorithm + ".pem", Certificates.pem(certificate.certificate()));
        Path key = pem("openssl-" + algorithm + ".key", "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return start("openssl-" + algorithm, List.of("openssl", "ocsp", "-index", index.toString(), "-port",
                String.valueOf(OPENSSL_PORT), "-rsigner", cert.toString(), "-rkey", key.toString(), "-CA", issuer.toString(),
                "-multi", "2", "-ignore_err", "-nmin", "10"));
    }

    private Path writeIndex(List<IssuedCertificate> certificates) throws IOException {
        StringBuilder index = new StringBuilder();
        for (IssuedCertificate c : certificates) {
            String serial = c.serial().toString(16).toUpperCase(Locale.ROOT);
            if (serial.length() % 2 == 1) {
                serial = "0" + serial;
            }
            boolean revoked = certificates.indexOf(c) % 10 == 9;
            index.append(revoked ? "R" : "V").append('\t')
                    .append(INDEX_TIME.format(c.certificate().getNotAfter().toInstant())).append('\t')
                    .append(revoked ? INDEX_TIME.format(Instant.now()) + ",keyCompromise" : "").append('\t')
                    .append(serial).append("\tunknown\t/CN=bench-").append(serial).append('\n');
        }
        Files.writeString(work.resolve("index.txt.attr"), "unique_subject = no\n");
        return Files.writeString(work.resolve("index.txt"), index);
    }

    private byte[] request(Path issuer, Path leaf, boolean nonce) throws Exception {
        Path out = work.resolve("req-" + System.nanoTime() + ".der");
        Process p = new ProcessBuilder("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", leaf.toString(),
                nonce ? "-nonce" : "-no_nonce", "-reqout", out.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("openssl could not write a request");
        }
        return Files.readAllBytes(out);
    }

    private Process start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        processes.remove(process);
        Thread.sleep(500);
    }

    private void stopAll() throws InterruptedException {
        for (Process process : new ArrayList<>(processes)) {
            stop(process);
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); System.nanoTime() < deadline; Thread.sleep(100)) {
            try (var socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                // keep waiting
            }
        }
        throw new IllegalStateException("Nothing listens on port " + port);
    }

    private Path pem(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
