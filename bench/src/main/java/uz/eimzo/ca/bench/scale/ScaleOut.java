package uz.eimzo.ca.bench.scale;

import uz.eimzo.ca.identity.Pinfl;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out load test: one PostgreSQL, two CA/RA nodes (separate JVMs, same database and CA key file, clustered
 * Quartz) and two OCSP responders (separate JVMs). Issuance goes through the RA's JSON API and OCSP POSTs to the
 * responders, each spread round-robin by a client-side {@link Balancer}. Half-way through, one CA node and one
 * responder are killed with SIGKILL; the load goes on against the survivors. Then it checks that nothing was
 * lost, duplicated or answered wrongly, and writes a Markdown report.
 *
 * <p>This class is the load itself; {@link Cluster} runs the processes, {@link CpuAccounting} reads where the CPU
 * went, {@link Verification} checks the outcome against the database and the surviving responder, and
 * {@link Report} writes it up.
 *
 * <p>Usage: {@code ScaleOut <ra exec jar> <responder exec jar> [seconds of load, default 60] [OCSP requests/s offered,
 * default 300, 0 = as fast as possible] [warm-up seconds, default 30] [results directory]}
 */
public final class ScaleOut {

    private static final Pattern REQUEST_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern SERIAL = Pattern.compile("\"serial\"\\s*:\\s*\"([0-9a-fA-F]+)\"");
    private static final Pattern FIRST_PEM = Pattern.compile("\"chain\"\\s*:\\s*\\[\\s*\"(-----BEGIN CERTIFICATE-----[^\"]+)\"");
    private static final int ISSUING_THREADS = 4;
    private static final int OCSP_THREADS = 6;
    private static final String ISSUING_CA = "demo-issuing";

    private final long loadMillis;
    private final int ocspRate;
    /** Full load before measuring, not counted: every JVM compiles its hot paths, each on its own. */
    private final long warmupMillis;
    private final Path results;
    private final Timeline timeline = new Timeline();
    private final Cluster cluster;
    private final CpuAccounting cpu;
    private final Outcome outcome = new Outcome();

    private Balancer cas;
    private Balancer responders;
    private String token;
    private X509Certificate issuer;
    private final AtomicInteger applicants = new AtomicInteger();

    /** Certificates the load asks OCSP about: issued through the API and never revoked. */
    private final CopyOnWriteArrayList<Issued> ocspPool = new CopyOnWriteArrayList<>();
    private final List<Issued> revocationPool = new ArrayList<>();

    /** A certificate issued in this run and its ready-made OCSP request (no nonce, as most relying parties send). */
    private record Issued(BigInteger serial, byte[] request) {
    }

    private ScaleOut(Path raJar, Path responderJar, long loadMillis, int ocspRate, long warmupMillis, Path results)
            throws IOException {
        this.warmupMillis = warmupMillis;
        this.loadMillis = loadMillis;
        this.ocspRate = ocspRate;
        this.results = results;
        this.cluster = new Cluster(raJar, responderJar, Files.createTempDirectory("eimzo-scale-out"), timeline);
        this.cpu = new CpuAccounting(cluster);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ScaleOut <ra-web exec jar> <ocsp-responder exec jar> [seconds] [OCSP requests/s offered, "
                    + "0 = unpaced] [warm-up seconds] [results directory]");
            System.exit(2);
        }
        ScaleOut run = new ScaleOut(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(),
                (args.length > 2 ? Long.parseLong(args[2]) : 60) * 1000, args.length > 3 ? Integer.parseInt(args[3]) : 300,
                (args.length > 4 ? Long.parseLong(args[4]) : 30) * 1000, Path.of(args.length > 5 ? args[5] : "bench/results"));
        int exit;
        try {
            exit = run.run();
        } finally {
            run.cluster.stopAll();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        note("work directory " + cluster.work() + " (node logs under logs/)");
        cluster.startDatabase();
        int ca1 = Cluster.freePort();
        int ca2 = Cluster.freePort();
        int r1 = Cluster.freePort();
        int r2 = Cluster.freePort();
        String personalDataKey = Cluster.randomKey();
        cluster.startCaNode("ca-node-1", ca1, r1, personalDataKey);
        cluster.awaitHttp200("ca-node-1", "http://127.0.0.1:" + ca1 + "/actuator/health", 240);
        // Only now the second node: the demo bootstrap runs on an empty database only, and must run once.
        cluster.startCaNode("ca-node-2", ca2, r1, personalDataKey);
        cluster.awaitHttp200("ca-node-2", "http://127.0.0.1:" + ca2 + "/actuator/health", 240);
        token = Files.readAllLines(cluster.work().resolve("demo-operators.txt")).stream().filter(l -> l.startsWith("api-token "))
                .findFirst().orElseThrow().substring("api-token ".length()).strip();
        cas = new Balancer(List.of(new Balancer.Target("ca-node-1", URI.create("http://127.0.0.1:" + ca1)),
                new Balancer.Target("ca-node-2", URI.create("http://127.0.0.1:" + ca2))));

        cluster.startResponder("ocsp-1", r1);
        cluster.startResponder("ocsp-2", r2);
        responders = new Balancer(List.of(new Balancer.Target("ocsp-1", URI.create("http://127.0.0.1:" + r1)),
                new Balancer.Target("ocsp-2", URI.create("http://127.0.0.1:" + r2))));

        // Warm-up, not measured: the JITs of all four JVMs, the issuer certificate, and certificates to revoke later.
        for (int i = 0; i < 40; i++) {
            Issued issued = issueOne(false);
            if (issued != null) {
                (i < 8 ? revocationPool : ocspPool).add(issued);
            }
        }
        for (Balancer.Target responder : responders.targets()) {
            awaitResponder(responder, ocspPool.getFirst());
        }
        for (int i = 0; i < 500; i++) {
            Issued pick = ocspPool.get(i % ocspPool.size());
            responders.send("ocsp-warmup", base -> Pki.ocspPost(base, pick.request()));
        }
        note("warm-up done: " + outcome.issuedOk.size() + " certificates issued through the API, both responders answering");

        return load();
    }

    private int load() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(ISSUING_THREADS + OCSP_THREADS);
        outcome.phases[0].startNanos = System.nanoTime();
        note("load starts: " + ISSUING_THREADS + " issuing clients, " + OCSP_THREADS + " OCSP clients; "
                + warmupMillis / 1000 + " s warm-up (not counted), then " + loadMillis / 1000 + " s measured");
        for (int i = 0; i < ISSUING_THREADS; i++) {
            workers.submit(() -> {
                while (running.get()) {
                    issueOne(true);
                }
                return null;
            });
        }
        // OCSP is offered at a steady rate, as relying parties do, so that it does not take the cores from issuance;
        // the question is whether the survivors still serve all of it. Rate 0: as fast as the clients can go.
        long intervalNanos = ocspRate <= 0 ? 0 : TimeUnit.SECONDS.toNanos(OCSP_THREADS) / ocspRate;
        for (int i = 0; i < OCSP_THREADS; i++) {
            workers.submit(() -> {
                long next = System.nanoTime();
                while (running.get()) {
                    askOne();
                    if (intervalNanos > 0) {
                        next += intervalNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                            next = System.nanoTime();   // fell behind: no catch-up burst
                        }
                    }
                }
                return null;
            });
        }
        Thread.sleep(warmupMillis);
        outcome.phases[0].endNanos = System.nanoTime();
        outcome.phases[1].startNanos = outcome.phases[0].endNanos;
        cpu.sample(outcome.phases[1], true);
        outcome.phase = 1;
        note("warm-up over: measuring");
        long half = loadMillis / 2;
        Thread.sleep(half / 2);
        revokeSample(0, 3);
        Thread.sleep(Math.max(0, outcome.phases[1].startNanos / 1_000_000 + half - System.nanoTime() / 1_000_000));

        cpu.sample(outcome.phases[1], false);
        cpu.sample(outcome.phases[2], true);
        outcome.killNanos = System.nanoTime();
        outcome.phases[1].endNanos = outcome.killNanos;
        outcome.phases[2].startNanos = outcome.killNanos;
        outcome.phase = 2;
        cluster.kill("ca-node-1");
        cluster.kill("ocsp-1");
        note("SIGKILL ca-node-1 and ocsp-1");
        Thread.sleep(half / 2);
        revokeSample(3, 6);
        Thread.sleep(Math.max(0, outcome.killNanos / 1_000_000 + half - System.nanoTime() / 1_000_000));
        running.set(false);
        outcome.phases[2].endNanos = System.nanoTime();
        cpu.sample(outcome.phases[2], false);
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        note("load stopped");
        return verifyAndReport();
    }

    // --- the load -----------------------------------------------------------------------------------------------

    /** Registers an applicant on one node and issues on the next (round-robin), as the portal would via a balancer. */
    private Issued issueOne(boolean measured) throws InterruptedException {
        int n = applicants.incrementAndGet();
        Phase p = outcome.phases[outcome.phase];
        long start = System.nanoTime();
        String applicant = """
                {"idempotencyKey": "%s", "submit": true, "applicant": {"type": "INDIVIDUAL", "surname": "Sinovov",
                 "givenName": "Yuklama", "birthDate": "1990-03-15", "sex": "M", "pinfl": "%s", "documentType": "PASSPORT",
                 "documentNumber": "AB%07d", "phone": "+998901234567", "representative": false}}"""
                .formatted(UUID.randomUUID(), pinfl(n), n);
        Balancer.Reply registered = cas.send("register", base -> api(base, "/api/requests", applicant));
        if (registered.status() != 201) {
            return failedIssue(measured, p, "register", registered);
        }
        Matcher id = REQUEST_ID.matcher(registered.text());
        if (!id.find()) {
            return failedIssue(measured, p, "register (no id)", registered);
        }
        String csr = "{\"csr\": \"" + Pki.csrPem().replace("\n", "\\n") + "\"}";
        Balancer.Reply issued = cas.send("issue", base -> api(base, "/api/requests/" + id.group(1) + "/issue", csr));
        if (issued.status() != 200 && issued.retried()) {
            // The first node may have issued before it died; the retry then rightly refuses a second certificate.
            outcome.cutAtKill.add(Long.parseLong(id.group(1)));
            outcome.issuanceErrors.add(String.format(Locale.ROOT, "t=%.2f s issue of request %s cut by the kill, retry on %s: HTTP %d %s",
                    timeline.seconds(), id.group(1), issued.target().name(), issued.status(), issued.text()));
            return null;
        }
        if (issued.status() != 200) {
            return failedIssue(measured, p, "issue", issued);
        }
        Matcher serial = SERIAL.matcher(issued.text());
        if (!serial.find()) {
            return failedIssue(measured, p, "issue (no serial)", issued);
        }
        if (issuer == null) {
            Matcher pem = FIRST_PEM.matcher(issued.text());
            if (pem.find()) {
                issuer = Pki.certificate(pem.group(1).replace("\\n", "\n"));
            }
        }
        BigInteger number = new BigInteger(serial.group(1), 16);
        if (outcome.issuedOk.putIfAbsent(number, issued.target().name()) != null) {
            outcome.wrongAnswers.add("serial " + number.toString(16) + " returned twice by the API");
        }
        Issued result = new Issued(number, Pki.ocspRequest(issuer, number, false));
        if (measured) {
            Phase done = outcome.phases[outcome.phase];
            done.issued.increment();
            done.issueMicros.add((System.nanoTime() - start) / 1000);
            ocspPool.add(result);
        }
        return result;
    }

    private Issued failedIssue(boolean measured, Phase p, String step, Balancer.Reply reply) {
        if (measured) {
            p.issueErrors.increment();
        }
        String text = reply.text();
        outcome.issuanceErrors.add(String.format(Locale.ROOT, "t=%.2f s %s on %s: HTTP %d %s", timeline.seconds(), step, reply.target().name(),
                reply.status(), text.length() > 200 ? text.substring(0, 200) : text));
        return null;
    }

    /** One OCSP question about a certificate that is good; anything but "good" (or tryLater) is a wrong answer. */
    private void askOne() throws InterruptedException {
        Issued pick = ocspPool.get(ThreadLocalRandom.current().nextInt(ocspPool.size()));
        long start = System.nanoTime();
        Balancer.Reply reply = responders.send("ocsp", base -> Pki.ocspPost(base, pick.request()));
        long micros = (System.nanoTime() - start) / 1000;
        Phase p = outcome.phases[outcome.phase];
        Pki.OcspAnswer answer = reply.status() == 200 ? Pki.parse(reply.body()) : new Pki.OcspAnswer(-reply.status(), null, null);
        if (answer.good()) {
            p.ocspGood.increment();
            if ((pick.serial().intValue() & 7) == 0) {
                p.ocspMicros.add(micros);
            }
        } else if (answer.responseStatus() == 3) {
            p.ocspTryLater.increment();
        } else if (answer.responseStatus() == 0) {
            p.ocspWrong.increment();
            outcome.wrongAnswers.add(String.format(Locale.ROOT, "t=%.2f s %s said %s for good certificate %s", timeline.seconds(),
                    reply.target().name(), answer.certStatus(), pick.serial().toString(16)));
        } else {
            p.ocspOther.increment();
            outcome.wrongAnswers.add(String.format(Locale.ROOT, "t=%.2f s %s: response status %d", timeline.seconds(), reply.target().name(),
                    answer.responseStatus()));
        }
    }

    /** Revokes certificates through the API and times until every live responder answers "revoked" (no nonce). */
    private void revokeSample(int from, int to) throws Exception {
        for (int i = from; i < to && i < revocationPool.size(); i++) {
            Issued victim = revocationPool.get(i);
            Balancer.Reply reply = cas.send("revoke", base -> api(base,
                    "/api/certificates/" + ISSUING_CA + "/" + victim.serial().toString(16) + "/revoke",
                    "{\"reason\": \"KEY_COMPROMISE\"}"));
            long revokedAt = System.nanoTime();
            if (reply.status() != 200) {
                outcome.revocationChecks.add("revoke of " + victim.serial().toString(16) + " failed: HTTP " + reply.status() + " " + reply.text());
                continue;
            }
            outcome.revoked.add(victim.serial());
            for (Balancer.Target responder : responders.targets()) {
                if (!cluster.isAlive(responder.name())) {
                    continue;
                }
                long seen = -1;
                while (System.nanoTime() - revokedAt < TimeUnit.SECONDS.toNanos(5)) {
                    Balancer.Reply answer = responders.sendTo(responder, base -> Pki.ocspPost(base, victim.request()));
                    if (Pki.parse(answer.body()).revoked()) {
                        seen = System.nanoTime();
                        break;
                    }
                    Thread.sleep(5);
                }
                long millis = seen < 0 ? -1 : (seen - revokedAt) / 1_000_000;
                if (millis >= 0) {
                    outcome.revocationLatencies.add(millis);
                }
                outcome.revocationChecks.add(String.format(Locale.ROOT, "t=%.1f s: revoked %s via %s; %s said revoked %s",
                        timeline.seconds(), victim.serial().toString(16), reply.target().name(), responder.name(),
                        millis < 0 ? "NOT within 5 s" : "after " + millis + " ms"));
            }
        }
    }

    /** A responder is ready once the CA cluster has certified its delegated key and it answers "good". */
    private void awaitResponder(Balancer.Target responder, Issued probe) throws Exception {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); System.nanoTime() < deadline; Thread.sleep(250)) {
            try {
                if (Pki.parse(responders.sendTo(responder, base -> Pki.ocspPost(base, probe.request())).body()).good()) {
                    note(responder.name() + " answering (delegated certificate issued by the CA cluster's Quartz job)");
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
        }
        throw new IllegalStateException(responder.name() + " never answered good; see " + cluster.log(responder.name()));
    }

    // --- the report -------------------------------------------------------------------------------------------

    private int verifyAndReport() throws Exception {
        Verification.Findings findings = new Verification(cluster, outcome, cas, responders, issuer, ISSUING_CA).verify();
        String report = new Report(outcome, findings, timeline.lines(), ISSUING_CA,
                new Report.Load(ISSUING_THREADS, OCSP_THREADS, ocspRate)).render();
        Files.createDirectories(results);
        Path file = results.resolve("scale-out-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(file, report);
        System.out.println(report);
        System.out.println("Report written to " + file.toAbsolutePath());
        return findings.pass() ? 0 : 1;
    }

    // --- small helpers ------------------------------------------------------------------------------------------

    private HttpRequest api(URI base, String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** A distinct valid PINFL per applicant: male, born 15 March 1990, district and sequence from n. */
    private static String pinfl(int n) {
        String first13 = String.format(Locale.ROOT, "3150390%03d%03d", 1 + (n / 999) % 999, 1 + n % 999);
        return first13 + Pinfl.checkDigit(first13);
    }

    private void note(String line) {
        timeline.note(line);
    }
}
