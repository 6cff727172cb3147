package uz.eimzo.ca.bench.ocsp;

import uz.eimzo.ca.authority.CertificateAuthority;
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
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * OCSP throughput, side by side in one run: our responder (a separate JVM, as deployed) and {@code openssl ocsp
 * -index ... -multi 2} serving the same certificates, cached (no nonce) and uncached (nonce) requests, P-256 and
 * RSA-2048 responder keys, concurrency 1/8/64, on Tomcat's port and on the Netty listener of the same process; plus
 * the raw HTTP ceiling of both listeners, the JCA signing rate, and the load average beside each key's rows.
 *
 * <pre>java -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.ocsp.OcspBench [responder jar] [seconds per run] [http-paths]</pre>
 *
 * With {@code http-paths}: only Tomcat's port against the Netty listener of one P-256 responder, at c=64, in
 * interleaved rounds (so a busy machine's swings fall on both alike), each round with its load average.
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

    private static final int ROUNDS = 5;

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
                cpuModel(), System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
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
        signingRate(KeyAlgorithm.EC_P256, 2); // JIT warm-up, not reported
        for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048)) {
            System.out.printf("  %-9s 1 thread %8.0f   2 threads %8.0f%n", algorithm, signingRate(algorithm, 1), signingRate(algorithm, 2));
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
            for (List<byte[]> bodies : List.of(cached, uncached, cached)) {
                OcspLoad.run("127.0.0.1", OUR_PORT, bodies.stream().map(b -> OcspLoad.post("127.0.0.1", OUR_PORT, "/ocsp", b)).toList(),
                        8, 0, warmupMillis * 2, true);
            }
            for (List<byte[]> bodies : List.of(cached, uncached, cached)) {
                OcspLoad.run("127.0.0.1", NETTY_PORT, bodies.stream().map(b -> OcspLoad.post("127.0.0.1", NETTY_PORT, "/ocsp", b)).toList(),
                        8, 0, warmupMillis * 2, true);
            }
            String key = algorithm == KeyAlgorithm.EC_P256 ? "P-256" : "RSA-2048";
            System.out.println("| load average before " + key + ": " + loadAverage() + " | | | | | |");
            row("ours", key, "cached (no nonce)", OUR_PORT, cached, true);
            row("ours on Netty", key, "cached (no nonce)", NETTY_PORT, cached, true);
            row("openssl -multi 2", key, "no nonce", OPENSSL_PORT, cached, true);
            row("ours", key, "uncached (nonce)", OUR_PORT, uncached, true);
            row("ours on Netty", key, "uncached (nonce)", NETTY_PORT, uncached, true);
            row("openssl -multi 2", key, "nonce", OPENSSL_PORT, uncached, true);
            if (algorithm == KeyAlgorithm.EC_P256) {
                // The ceiling: the same server answering a static malformedRequest, no database, no signing (on Netty
                // the garbage misses the request cache, so it is parsed off the event loop like any miss).
                row("ours: raw HTTP ceiling", "-", "garbage -> malformedRequest", OUR_PORT,
                        List.of("garbage".getBytes()), false);
                row("ours on Netty: raw HTTP ceiling", "-", "garbage -> malformedRequest", NETTY_PORT,
                        List.of("garbage".getBytes()), false);
            }
            System.out.println("| load average after " + key + ": " + loadAverage() + " | | | | | |");
            stop(ours);
            stop(openssl);
        }
        db.close();
    }

    /** Tomcat's raw ceiling, cached and nonce answers against the Netty listener's, round after round, at c=64. */
    private void httpPaths(TestDatabase db, TestCa ca, List<byte[]> cached, List<byte[]> uncached) throws Exception {
        Process ours = startOurs(db, KeyAlgorithm.EC_P256);
        awaitOurs(new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(), ca.services.issuer(),
                Duration.ofDays(7)), cached.getFirst());
        List<byte[]> garbage = List.of("garbage".getBytes());
        for (int port : new int[]{OUR_PORT, NETTY_PORT}) {
            for (List<byte[]> bodies : List.of(cached, uncached, garbage, cached)) {
                OcspLoad.run("127.0.0.1", port, bodies.stream().map(b -> OcspLoad.post("127.0.0.1", port, "/ocsp", b)).toList(),
                        64, 0, warmupMillis * 2, bodies != garbage);
            }
        }
        System.out.println("| round | load average | Tomcat raw ceiling | Tomcat cached | Netty cached | Netty raw ceiling | Tomcat nonce | Netty nonce | Netty cached / Tomcat raw |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (int round = 1; round <= ROUNDS; round++) {
            String load = loadAverage();
            double tomcatRaw = rate(OUR_PORT, garbage, false);
            double tomcatCached = rate(OUR_PORT, cached, true);
            double nettyCached = rate(NETTY_PORT, cached, true);
            double nettyRaw = rate(NETTY_PORT, garbage, false);
            double tomcatNonce = rate(OUR_PORT, uncached, true);
            double nettyNonce = rate(NETTY_PORT, uncached, true);
            System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.2f |%n", round,
                    load.substring(0, load.indexOf(' ', load.indexOf(' ') + 1)), tomcatRaw, tomcatCached, nettyCached,
                    nettyRaw, tomcatNonce, nettyNonce, nettyCached / tomcatRaw);
        }
        stop(ours);
        db.close();
    }

    private double rate(int port, List<byte[]> bodies, boolean expectOcsp) throws InterruptedException {
        List<byte[]> requests = bodies.stream().map(b -> OcspLoad.post("127.0.0.1", port, "/ocsp", b)).toList();
        OcspLoad.Result result = OcspLoad.run("127.0.0.1", port, requests, 64, warmupMillis, measureMillis, expectOcsp);
        if (result.failed() > 0) {
            System.out.println("  (" + result.failed() + " failed on port " + port + ")");
        }
        return result.perSecond();
    }

    private void row(String server, String key, String kind, int port, List<byte[]> bodies, boolean expectOcsp)
            throws InterruptedException {
        List<byte[]> requests = bodies.stream().map(b -> OcspLoad.post("127.0.0.1", port, "/ocsp", b)).toList();
        StringBuilder row = new StringBuilder("| " + server + " | " + key + " | " + kind + " |");
        for (int concurrency : new int[]{1, 8, 64}) {
            OcspLoad.Result result = OcspLoad.run("127.0.0.1", port, requests, concurrency, warmupMillis, measureMillis, expectOcsp);
            row.append(String.format(Locale.ROOT, " %,.0f%s |", result.perSecond(),
                    result.failed() > 0 ? " (" + result.failed() + " failed)" : ""));
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

    private static double signingRate(KeyAlgorithm algorithm, int threads) throws Exception {
        KeyPair pair = algorithm.generate(new SecureRandom());
        byte[] data = new byte[300];
        LongAdder count = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    Signature signature = Signature.getInstance(algorithm.signatureAlgorithm());
                    while (running.get()) {
                        signature.initSign(pair.getPrivate());
                        signature.update(data);
                        signature.sign();
                        if (counting.get()) {
                            count.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread.sleep(1000);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(3000);
        counting.set(false);
        double rate = count.sum() / ((System.nanoTime() - start) / 1e9);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return rate;
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

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
