package uz.eimzo.ca.bench.tsa;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import uz.eimzo.ca.bench.load.LoadDriver;
import uz.eimzo.ca.bench.load.LoadResult;
import uz.eimzo.ca.bench.load.Plan;
import uz.eimzo.ca.bench.load.ProcessCpu;
import uz.eimzo.ca.bench.load.Workload;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.ca.gost.UzDst;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TSA and the verification service under load, each key algorithm in one run: our {@code SigningKey}'s signing
 * rate on one and two threads (the ceiling), then the TSA application in its own JVM (as deployed) against a fresh
 * database, its key certified by our CA as the CA's job does it, answering distinct RFC 3161 requests (SHA-256
 * imprint, nonce, certReq) on {@value Plan#CONNECTIONS} keep-alive connections, every token recorded in
 * PostgreSQL before its reply; then {@code POST /verify} of a time-stamped CMS signed by a holder of the same
 * algorithm that our CA certified, each answer checked to say VALID.
 *
 * <pre>java -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.tsa.TsaBench [tsa jar] [seconds] [algorithms...]</pre>
 */
public final class TsaBench {

    private static final int PORT = 18084;
    /** The TSA's optional Netty listener ({@code eimzo.tsa.netty.port}). */
    private static final int NETTY_PORT = 18085;
    /** Where the token passes go: {@code netty} (default) or {@code tomcat} ({@code -Dtsa.listener}). */
    private static final int TOKEN_PORT = System.getProperty("tsa.listener", "netty").equals("tomcat") ? PORT : NETTY_PORT;
    private static final int DISTINCT_REQUESTS = 50_000;
    private static final byte[] DOCUMENT = "Hisob-faktura 42, 1 000 000 so'm".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        UzDst.install();
        Path jar = Path.of(args.length > 0 ? args[0] : "tsa/target/tsa-exec.jar").toAbsolutePath();
        long millis = TimeUnit.SECONDS.toMillis(args.length > 1 ? Long.parseLong(args[1]) : 20);
        List<KeyAlgorithm> algorithms = args.length > 2
                ? List.of(args).subList(2, args.length).stream().map(KeyAlgorithm::valueOf).toList()
                : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.GOST_UZ);
        System.out.printf("Machine: %d CPUs (%s), %s %s, Java %s, %s; tokens through the %s listener%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), Instant.now(),
                TOKEN_PORT == PORT ? "Tomcat" : "Netty");
        System.out.println("| TSA key | SigningKey 1 thread | SigningKey 2 threads | tokens/s at c=64 | p50 / p99 | tokens / 2-thread rate | verify/s at c=64 (time-stamped CMS) | p99 | CPU per signature | CPU per token: TSA / driver / PostgreSQL | other work during the token pass | TSA CPU per verification | tokens per commit | load average 1/5/15 min before the token pass |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (KeyAlgorithm algorithm : algorithms) {
            run(jar, algorithm, millis);
        }
    }

    private static void run(Path jar, KeyAlgorithm algorithm, long millis) throws Exception {
        InMemorySigningKey probe = InMemorySigningKey.generate(algorithm);
        SigningRate.Rate one = SigningRate.measure(probe, 1, 5_000);
        SigningRate.Rate two = SigningRate.measure(probe, 2, 5_000);
        Path work = Files.createTempDirectory("tsa-bench");
        TestDatabase db = PostgresServer.get().newDatabase();
        Process tsa = null;
        try {
            TestCa ca = TestCa.create(db.dataSource(), work, algorithm, Clock.systemUTC());
            tsa = start(jar, db, algorithm, work);
            certify(ca, tsa, work);
            List<TokenLoad.Request> requests = timeStampRequests();
            TokenLoad.Pass warm = TokenLoad.pass(TOKEN_PORT, requests, millis / 2);
            TokenLoad.Pass tokens;
            ProcessCpu.Used tokenCpu;
            String load = loadAverage();
            long commitsBefore;
            try (PassRecording recording = PassRecording.start(tsa, "tokens-" + algorithm)) {
                commitsBefore = commits(db);
                ProcessCpu cpu = ProcessCpu.start(tsa, db.dataSource());
                tokens = TokenLoad.pass(TOKEN_PORT, requests, millis);
                tokenCpu = cpu.stop();
            }
            double made = tokens.rate() * millis / 1000.0;
            TimeUnit.SECONDS.sleep(2); // backends report their counts to the statistics at most once a second
            double perCommit = made / Math.max(1, commits(db) - commitsBefore);
            Workload<Workload.Plain> verify = Workload.of(
                    List.of(new Workload.Plain(http("/verify", "application/pkcs7-signature", stamped(ca, algorithm)))),
                    "application/json", (request, body, sampled) -> valid(body)
                            ? Workload.Verdict.ok("VALID") : Workload.Verdict.failed("not VALID with the token's time"));
            LoadDriver driver = LoadDriver.chosen();
            driver.run(PORT, Plan.timed(Plan.CONNECTIONS, 0, millis / 2), verify);
            ProcessCpu cpu = ProcessCpu.start(tsa, db.dataSource());
            LoadResult verified = driver.run(PORT, Plan.timed(Plan.CONNECTIONS, 0, millis), verify);
            double cpuPerVerification = cpu.stop().server() * 1000.0 / (verified.rate() * millis / 1000.0);
            System.out.printf(Locale.ROOT, "| %s | %,.0f/s | %,.0f/s | %,.0f/s (warm-up %,.0f/s)%s | %.1f / %.1f ms | %.0f%% | %,.0f/s | %.1f ms | %,.0f µs | %,.0f / %,.0f / %,.0f µs | %.0f%% of the machine | %,.0f µs | %.1f | %s |%n",
                    algorithm, one.perSecond(), two.perSecond(), tokens.rate(), warm.rate(),
                    warm.failed() + tokens.failed() == 0 ? "" : ", " + (warm.failed() + tokens.failed()) + " answers FAILED the check",
                    tokens.p50Millis(), tokens.p99Millis(),
                    100 * tokens.rate() / two.perSecond(), verified.rate(), verified.p99Millis(), two.cpuMicros(),
                    tokenCpu.server() * 1000.0 / made, tokenCpu.driver() * 1000.0 / made,
                    tokenCpu.postgres() * 1000.0 / made, 100.0 * tokenCpu.others() / Math.max(1, tokenCpu.machineTotal()),
                    cpuPerVerification, perCommit, load);
        } finally {
            if (tsa != null) {
                tsa.destroy();
                tsa.waitFor(30, TimeUnit.SECONDS);
            }
            db.close();
        }
    }

    private static Process start(Path jar, TestDatabase db, KeyAlgorithm algorithm, Path work) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
        // e.g. -Dtsa.jvm.options=-XX:StartFlightRecording=filename=tsa.jfr to profile the TSA under load
        String options = System.getProperty("tsa.jvm.options", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--server.port=" + PORT, "--management.server.port=0", "--eimzo.tsa.netty.port=" + NETTY_PORT,
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--spring.datasource.hikari.maximum-pool-size=10",
                "--eimzo.tsa.ca=" + TestCa.ISSUING, "--eimzo.tsa.keys.algorithm=" + algorithm.name(),
                "--eimzo.tsa.keys.pkcs12-file=" + work.resolve("tsa-keys.p12"), "--eimzo.tsa.keys.password=bench",
                "--eimzo.tsa.keys.check-interval=PT0.5S", "--eimzo.tsa.clock.check-interval=PT1S",
                "--logging.level.root=WARN"));
        return new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(work.resolve("tsa.log").toFile()).start();
    }

    /** What the CA nodes' job does, until the TSA grants tokens. */
    private static void certify(TestCa ca, Process tsa, Path work) throws Exception {
        ResponderCertificates caSide = new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), Duration.ofDays(7), Duration.ofDays(30));
        byte[] probe = timeStampRequests().getFirst().query();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && tsa.isAlive()) {
            caSide.issuePending("bench");
            try {
                // Through the port the passes use: the Netty listener may bind after Tomcat's.
                if (granted(post(TOKEN_PORT, "/tsa", "application/timestamp-query", probe))) {
                    return;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("The TSA never granted a token; see " + work.resolve("tsa.log"));
    }

    private static List<TokenLoad.Request> timeStampRequests() throws IOException {
        SecureRandom random = new SecureRandom();
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        List<TokenLoad.Request> requests = new ArrayList<>(DISTINCT_REQUESTS);
        for (int i = 0; i < DISTINCT_REQUESTS; i++) {
            byte[] imprint = new byte[32];
            random.nextBytes(imprint);
            BigInteger nonce = new BigInteger(64, random);
            byte[] query = generator.generate(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), imprint, nonce)
                    .getEncoded();
            requests.add(new TokenLoad.Request(http("/tsa", "application/timestamp-query", query),
                    new ASN1Integer(nonce).getEncoded(), query));
        }
        return requests;
    }

    /** A CMS signed by a holder of {@code algorithm} our CA certified, time-stamped by the TSA under test. */
    private static byte[] stamped(TestCa ca, KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = algorithm.generate(new SecureRandom());
        IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), keys.getPublic(), "bench", RegistrationIds.NONE));
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        AlgorithmIdentifier digest = new AlgorithmIdentifier(algorithm == KeyAlgorithm.GOST_UZ
                ? new ASN1ObjectIdentifier(UzDst.DIGEST_OID) : NISTObjectIdentifiers.id_sha256);
        // The JCA digests, the national one from the provider installed in main: what a client's CMS library would use.
        generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setContentDigest(digest)
                .build(new KeyContentSigner(InMemorySigningKey.of(keys)),
                        new X509CertificateHolder(issued.certificate().getEncoded())));
        generator.addCertificates(new JcaCertStore(ca.services.issuer().chainOf(issued)));
        byte[] cms = generator.generate(new CMSProcessableByteArray(DOCUMENT), true).getEncoded();
        String json = "{\"cms\":\"" + Base64.getEncoder().encodeToString(cms) + "\"}";
        String answer = new String(post("/timestamp/cms", "application/json", json.getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII);
        Matcher stamped = Pattern.compile("\"cms\":\"([^\"]+)\"").matcher(answer);
        if (!stamped.find()) {
            throw new IllegalStateException("Could not stamp the bench document: " + answer);
        }
        byte[] result = Base64.getDecoder().decode(stamped.group(1));
        if (!valid(post("/verify", "application/pkcs7-signature", result))) {
            throw new IllegalStateException("The bench document does not verify");
        }
        return result;
    }

    private static boolean granted(byte[] reply) {
        try {
            return new TimeStampResponse(reply).getStatus() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean valid(byte[] answer) {
        String json = new String(answer, StandardCharsets.UTF_8);
        return json.contains("\"verdict\":\"VALID\"") && json.contains("\"signingTimeSource\":\"TIME_STAMP_TOKEN\"");
    }

    private static byte[] post(String path, String type, byte[] body) throws IOException, InterruptedException {
        return post(PORT, path, type, body);
    }

    private static byte[] post(int port, String path, String type, byte[] body) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        }
    }

    private static byte[] http(String path, String type, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** Transactions committed in the bench's database so far (every one, the ledger's and the TSA's few others). */
    private static long commits(TestDatabase db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The machine's 1, 5 and 15 minute load averages: on a shared machine, what else was running. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
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
