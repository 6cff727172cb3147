package uz.eimzo.ca.bench.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import uz.eimzo.ca.identity.Pinfl;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale-out load test: one PostgreSQL, two CA/RA nodes (separate JVMs, same database and CA key file, clustered
 * Quartz) and two OCSP responders (separate JVMs). Issuance goes through the RA's JSON API and OCSP POSTs to the
 * responders, each spread round-robin by a client-side {@link Balancer}. Half-way through, one CA node and one
 * responder are killed with SIGKILL; the load goes on against the survivors. Then it checks that nothing was
 * lost, duplicated or answered wrongly, and writes a Markdown report.
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

    private final Path raJar;
    private final Path responderJar;
    private final long loadMillis;
    private final int ocspRate;
    /** Full load before measuring, not counted: every JVM compiles its hot paths, each on its own. */
    private final long warmupMillis;
    private final Path results;
    private final Path work;
    private final String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    private final long t0 = System.nanoTime();

    private EmbeddedPostgres postgres;
    private Balancer cas;
    private Balancer responders;
    private String token;
    private X509Certificate issuer;
    private final AtomicInteger applicants = new AtomicInteger();

    /** Certificates the load asks OCSP about: issued through the API and never revoked. */
    private final CopyOnWriteArrayList<Issued> ocspPool = new CopyOnWriteArrayList<>();
    /** Every certificate whose issue call returned 200, with the node that issued it. */
    private final Map<BigInteger, String> issuedOk = new ConcurrentHashMap<>();
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final List<Issued> revocationPool = new ArrayList<>();

    private volatile int phase;
    private volatile long killNanos;
    /** Warm-up under full load (discarded: JIT compilation of five JVMs), before the kill, after the kill. */
    private final Phase[] phases = {new Phase(), new Phase(), new Phase()};
    private final Queue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
    private final Queue<String> issuanceErrors = new ConcurrentLinkedQueue<>();
    private final List<String> revocationChecks = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> revocationLatencies = Collections.synchronizedList(new ArrayList<>());
    /** Requests whose issue call was cut by the kill and refused on retry: did the dead node issue them? */
    private final Queue<Long> cutAtKill = new ConcurrentLinkedQueue<>();

    /** A certificate issued in this run and its ready-made OCSP request (no nonce, as most relying parties send). */
    private record Issued(BigInteger serial, byte[] request) {
    }

    /** Counters of one phase (before / after the kill). */
    private static final class Phase {
        final LongAdder issued = new LongAdder();
        final LongAdder issueErrors = new LongAdder();
        final LongAdder ocspGood = new LongAdder();
        final LongAdder ocspWrong = new LongAdder();
        final LongAdder ocspTryLater = new LongAdder();
        final LongAdder ocspOther = new LongAdder();
        final java.util.Queue<Long> issueMicros = new ConcurrentLinkedQueue<>();
        final java.util.Queue<Long> ocspMicros = new ConcurrentLinkedQueue<>();
        long startNanos;
        long endNanos;
        /** CPU ticks at the start and end of the phase: the whole machine (busy, total), and per process. */
        long[] machineStart;
        long[] machineEnd;
        Map<String, Long> cpuStart = Map.of();
        Map<String, Long> cpuEnd = Map.of();
        Map<Long, Long> postgresStart = Map.of();
        /** WAL position and audit rows at the start and end: what one certificate costs the database. */
        long walStart;
        long walEnd;
        long auditStart;
        long auditEnd;

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private ScaleOut(Path raJar, Path responderJar, long loadMillis, int ocspRate, long warmupMillis, Path results)
            throws IOException {
        this.warmupMillis = warmupMillis;
        this.raJar = raJar;
        this.responderJar = responderJar;
        this.loadMillis = loadMillis;
        this.ocspRate = ocspRate;
        this.results = results;
        this.work = Files.createTempDirectory("eimzo-scale-out");
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
            run.stopAll();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        note("work directory " + work + " (node logs under logs/)");
        startDatabase();
        int ca1 = freePort();
        int ca2 = freePort();
        int r1 = freePort();
        int r2 = freePort();
        String personalDataKey = randomKey();
        startCaNode("ca-node-1", ca1, r1, personalDataKey);
        awaitHttp200("ca-node-1", "http://127.0.0.1:" + ca1 + "/actuator/health", 240);
        // Only now the second node: the demo bootstrap runs on an empty database only, and must run once.
        startCaNode("ca-node-2", ca2, r1, personalDataKey);
        awaitHttp200("ca-node-2", "http://127.0.0.1:" + ca2 + "/actuator/health", 240);
        token = Files.readAllLines(work.resolve("demo-operators.txt")).stream().filter(l -> l.startsWith("api-token "))
                .findFirst().orElseThrow().substring("api-token ".length()).strip();
        cas = new Balancer(List.of(new Balancer.Target("ca-node-1", URI.create("http://127.0.0.1:" + ca1)),
                new Balancer.Target("ca-node-2", URI.create("http://127.0.0.1:" + ca2))));

        startResponder("ocsp-1", r1);
        startResponder("ocsp-2", r2);
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
            responders.send("ocsp-warmup", base -> ocspPost(base, pick.request()));
        }
        note("warm-up done: " + issuedOk.size() + " certificates issued through the API, both responders answering");

        return load();
    }

    private int load() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(ISSUING_THREADS + OCSP_THREADS);
        phases[0].startNanos = System.nanoTime();
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
        phases[0].endNanos = System.nanoTime();
        phases[1].startNanos = phases[0].endNanos;
        sampleCpu(phases[1], true);
        phase = 1;
        note("warm-up over: measuring");
        long half = loadMillis / 2;
        Thread.sleep(half / 2);
        revokeSample(0, 3);
        Thread.sleep(Math.max(0, phases[1].startNanos / 1_000_000 + half - System.nanoTime() / 1_000_000));

        sampleCpu(phases[1], false);
        sampleCpu(phases[2], true);
        killNanos = System.nanoTime();
        phases[1].endNanos = killNanos;
        phases[2].startNanos = killNanos;
        phase = 2;
        kill("ca-node-1");
        kill("ocsp-1");
        note("SIGKILL ca-node-1 and ocsp-1");
        Thread.sleep(half / 2);
        revokeSample(3, 6);
        Thread.sleep(Math.max(0, killNanos / 1_000_000 + half - System.nanoTime() / 1_000_000));
        running.set(false);
        phases[2].endNanos = System.nanoTime();
        sampleCpu(phases[2], false);
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
        note("load stopped");
        return verifyAndReport();
    }

    // --- the load -----------------------------------------------------------------------------------------------

    /** Registers an applicant on one node and issues on the next (round-robin), as the portal would via a balancer. */
    private Issued issueOne(boolean measured) throws InterruptedException {
        int n = applicants.incrementAndGet();
        Phase p = phases[phase];
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
            cutAtKill.add(Long.parseLong(id.group(1)));
            issuanceErrors.add(String.format(Locale.ROOT, "t=%.2f s issue of request %s cut by the kill, retry on %s: HTTP %d %s",
                    sinceKill(), id.group(1), issued.target().name(), issued.status(), issued.text()));
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
        if (issuedOk.putIfAbsent(number, issued.target().name()) != null) {
            wrongAnswers.add("serial " + number.toString(16) + " returned twice by the API");
        }
        Issued result = new Issued(number, Pki.ocspRequest(issuer, number, false));
        if (measured) {
            Phase done = phases[phase];
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
        issuanceErrors.add(String.format(Locale.ROOT, "t=%.2f s %s on %s: HTTP %d %s", sinceKill(), step, reply.target().name(),
                reply.status(), text.length() > 200 ? text.substring(0, 200) : text));
        return null;
    }

    /** One OCSP question about a certificate that is good; anything but "good" (or tryLater) is a wrong answer. */
    private void askOne() throws InterruptedException {
        Issued pick = ocspPool.get(ThreadLocalRandom.current().nextInt(ocspPool.size()));
        long start = System.nanoTime();
        Balancer.Reply reply = responders.send("ocsp", base -> ocspPost(base, pick.request()));
        long micros = (System.nanoTime() - start) / 1000;
        Phase p = phases[phase];
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
            wrongAnswers.add(String.format(Locale.ROOT, "t=%.2f s %s said %s for good certificate %s", sinceKill(),
                    reply.target().name(), answer.certStatus(), pick.serial().toString(16)));
        } else {
            p.ocspOther.increment();
            wrongAnswers.add(String.format(Locale.ROOT, "t=%.2f s %s: response status %d", sinceKill(), reply.target().name(),
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
                revocationChecks.add("revoke of " + victim.serial().toString(16) + " failed: HTTP " + reply.status() + " " + reply.text());
                continue;
            }
            revoked.add(victim.serial());
            for (Balancer.Target responder : responders.targets()) {
                if (!processes.get(responder.name()).isAlive()) {
                    continue;
                }
                long seen = -1;
                while (System.nanoTime() - revokedAt < TimeUnit.SECONDS.toNanos(5)) {
                    Balancer.Reply answer = responders.sendTo(responder, base -> ocspPost(base, victim.request()));
                    if (Pki.parse(answer.body()).revoked()) {
                        seen = System.nanoTime();
                        break;
                    }
                    Thread.sleep(5);
                }
                long millis = seen < 0 ? -1 : (seen - revokedAt) / 1_000_000;
                if (millis >= 0) {
                    revocationLatencies.add(millis);
                }
                revocationChecks.add(String.format(Locale.ROOT, "t=%.1f s: revoked %s via %s; %s said revoked %s",
                        sinceKill(), victim.serial().toString(16), reply.target().name(), responder.name(),
                        millis < 0 ? "NOT within 5 s" : "after " + millis + " ms"));
            }
        }
    }

    // --- verification and report ------------------------------------------------------------------------------

    private int verifyAndReport() throws Exception {
        Map<String, Object> db = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<BigInteger, String> statusInDb = new HashMap<>();
        Map<BigInteger, Integer> copies = new HashMap<>();
        Set<BigInteger> fromRequests = new java.util.HashSet<>();
        List<String> crls = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "eimzo"));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("""
                    select c.serial::text, c.status, c.request_id from certificate c join ca on ca.id = c.ca_id
                    where ca.name = '%s'"""
                    .formatted(ISSUING_CA))) {
                while (rs.next()) {
                    BigInteger serial = new BigInteger(rs.getString(1));
                    statusInDb.put(serial, rs.getString(2));
                    if (rs.getObject(3) != null) {
                        fromRequests.add(serial);
                    }
                    copies.merge(serial, 1, Integer::sum);
                }
            }
            db.put("database size after the run / certificates in it", single(s,
                    "select pg_size_pretty(pg_database_size('eimzo')) || ' / ' || (select count(*) from certificate) || ' = ' "
                    + "|| pg_size_pretty(pg_database_size('eimzo') / greatest(1, (select count(*) from certificate))) || ' per certificate'"));
            db.put("duplicate serials (any CA)", single(s, "select count(*) from (select serial from certificate group by serial having count(*) > 1) d"));
            db.put("PENDING rows (recorded, never signed: a node died between recording and signing)",
                    single(s, "select count(*) from certificate where status = 'PENDING'"));
            try (ResultSet rs = s.executeQuery("""
                    select a.at, a.actor, a.action, a.details->>'crlNumber' from audit_event a
                    where a.action like 'crl.%' and a.target = '""" + ISSUING_CA + "' order by a.id")) {
                while (rs.next()) {
                    crls.add(rs.getTimestamp(1).toInstant() + " | " + rs.getString(2) + " | " + rs.getString(3) + " | " + rs.getString(4));
                }
            }
            List<String> cut = new ArrayList<>();
            for (Long request : cutAtKill) {
                try (PreparedStatement q = c.prepareStatement(
                        "select count(*), string_agg(status, ',') from certificate where request_id = ?")) {
                    q.setLong(1, request);
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        cut.add("request " + request + ": " + rs.getInt(1) + " certificate(s) " + rs.getString(2));
                        if (rs.getInt(1) > 1) {
                            problems.add("request " + request + " has " + rs.getInt(1) + " certificates");
                        }
                    }
                }
            }
            List<String> doubled = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    select request_id, count(*), string_agg(status || ' by ' || requester, ', ') from certificate
                    where request_id is not null group by request_id having count(*) > 1""")) {
                while (rs.next()) {
                    doubled.add("request " + rs.getLong(1) + ": " + rs.getInt(2) + " certificates (" + rs.getString(3) + ")");
                }
            }
            problems.addAll(doubled);
            db.put("requests with more than one certificate", doubled.isEmpty() ? "0" : doubled.size() + ": " + doubled);
            db.put("issue calls cut by the kill (answer lost; what the database holds for them)", cut.isEmpty() ? "none" : cut);
            try (ResultSet rs = s.executeQuery("select instance_name, last_checkin_time from qrtz_scheduler_state order by 1")) {
                List<String> instances = new ArrayList<>();
                while (rs.next()) {
                    instances.add(rs.getString(1));
                }
                db.put("Quartz instances still registered after the run", instances);
            }
        }
        int missing = 0;
        int wrongStatus = 0;
        for (BigInteger serial : issuedOk.keySet()) {
            String status = statusInDb.get(serial);
            String expected = revoked.contains(serial) ? "REVOKED" : "GOOD";
            if (status == null) {
                missing++;
                problems.add("issued (HTTP 200) but not in the database: " + serial.toString(16));
            } else if (!status.equals(expected) || copies.get(serial) != 1) {
                wrongStatus++;
                problems.add(serial.toString(16) + " is " + status + " x" + copies.get(serial) + ", expected " + expected + " once");
            }
        }
        long unseen = statusInDb.entrySet().stream().filter(e -> e.getValue().equals("GOOD") && fromRequests.contains(e.getKey())
                && !issuedOk.containsKey(e.getKey())).count();
        db.put("certificates answered 200 by the API", issuedOk.size());
        db.put("... of them missing from the database", missing);
        db.put("... of them not exactly once with the expected status", wrongStatus);
        db.put("applicants' certificates GOOD in the database but no 200 seen by the client (answer lost with the killed node)", unseen);
        db.put("other certificates of " + ISSUING_CA + " (the responders' delegated OCSP certificates)", statusInDb.size() - fromRequests.size());

        // Every certificate the API said it issued, asked of the surviving responder one by one.
        Balancer.Target survivor = responders.targets().get(1);
        int sweepGood = 0;
        int sweepRevoked = 0;
        int sweepWrong = 0;
        for (BigInteger serial : issuedOk.keySet()) {
            Pki.OcspAnswer answer = Pki.parse(responders.sendTo(survivor, base -> ocspPost(base, Pki.ocspRequest(issuer, serial, false))).body());
            boolean shouldBeRevoked = revoked.contains(serial);
            if (shouldBeRevoked ? answer.revoked() : answer.good()) {
                if (shouldBeRevoked) {
                    sweepRevoked++;
                } else {
                    sweepGood++;
                }
            } else {
                sweepWrong++;
                problems.add("final sweep: " + survivor.name() + " said " + answer + " for " + serial.toString(16));
            }
        }
        db.put("final OCSP sweep on " + survivor.name() + ": good / revoked as expected / wrong",
                sweepGood + " / " + sweepRevoked + " / " + sweepWrong);

        List<Balancer.Failure> failures = new ArrayList<>(cas.failures);
        failures.addAll(responders.failures);
        long lateFailures = failures.stream().filter(f -> f.atNanos() < killNanos || f.atNanos() > killNanos + TimeUnit.SECONDS.toNanos(5)).count();
        long slowRevocations = revocationLatencies.stream().filter(ms -> ms > 1000).count()
                + revocationChecks.stream().filter(l -> l.contains("NOT within") || l.contains("failed")).count();
        boolean pass = problems.isEmpty() && missing == 0 && wrongStatus == 0 && sweepWrong == 0 && wrongAnswers.isEmpty()
                && ((Number) db.get("duplicate serials (any CA)")).longValue() == 0 && slowRevocations == 0
                && lateFailures == 0 && phases[1].issueErrors.sum() + phases[2].issueErrors.sum() == 0;
        String report = report(db, problems, crls, failures, pass);
        Files.createDirectories(results);
        Path file = results.resolve("scale-out-" + LocalDate.now(ZoneOffset.UTC) + ".md");
        Files.writeString(file, report);
        System.out.println(report);
        System.out.println("Report written to " + file.toAbsolutePath());
        return pass ? 0 : 1;
    }

    private String report(Map<String, Object> db, List<String> problems, List<String> crls,
                          List<Balancer.Failure> failures, boolean pass) {
        StringBuilder r = new StringBuilder();
        r.append("# Scale-out run ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(" UTC\n\n");
        r.append("Machine: ").append(machine()).append("\n\n");
        r.append("""
                Topology, all on this one machine: one PostgreSQL 17 (embedded, default durability: fsync and synchronous
                commit on), two CA/RA nodes (`ra-web` exec jar, separate JVMs, -Xmx384m, same database and CA PKCS#12 file,
                clustered Quartz), two OCSP responders (`ocsp-responder` exec jar, -Xmx256m, role `eimzo_responder`), and the
                load driver (%d issuing clients, %d OCSP clients, client-side round-robin with failover). Issuance is the full
                API path: `POST /api/requests` (individual applicant, submitted) on one node, then `POST /api/requests/{id}/issue`
                with a P-256 PKCS#10 request on the next node; the issuing clients go as fast as the CA tier answers. OCSP: POST
                without nonce (the RFC 5019 way relying parties ask) about a random certificate issued in this run, offered
                at %s. Half-way, `ca-node-1` and `ocsp-1` get SIGKILL.
                Every process, the database and the driver share the same %d cores, so these are not per-node capacities
                (see docs/capacity.md for those).

                """.formatted(ISSUING_THREADS, OCSP_THREADS, ocspRate > 0 ? ocspRate + " requests/s in total" : "full speed",
                Runtime.getRuntime().availableProcessors()));
        r.append("## Throughput\n\n");
        r.append("| phase | seconds | certificates issued | issued/s | issuance p50 / p99 ms | issuance errors | OCSP good answers | OCSP/s | OCSP p50 / p99 ms | OCSP wrong | tryLater | other |\n");
        r.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        String[] names = {"warm-up", "before kill (2 CA nodes, 2 responders)", "after kill (1 CA node, 1 responder)"};
        for (int i = 1; i <= 2; i++) {
            Phase p = phases[i];
            r.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %.1f | %s | %d | %d | %.0f | %s | %d | %d | %d |%n", names[i],
                    p.seconds(), p.issued.sum(), p.issued.sum() / p.seconds(), percentiles(p.issueMicros), p.issueErrors.sum(),
                    p.ocspGood.sum(), p.ocspGood.sum() / p.seconds(), percentiles(p.ocspMicros), p.ocspWrong.sum(),
                    p.ocspTryLater.sum(), p.ocspOther.sum()));
        }
        r.append("\nWhere the CPU went (CPU-seconds per second of the phase; the machine has ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores):\n\n");
        List<String> owners = new ArrayList<>(phases[1].cpuEnd.keySet());
        r.append("| phase | machine busy | ").append(String.join(" | ", owners))
                .append(" | other work on the machine | our CPU-ms per certificate (OCSP load included) |\n");
        r.append("|---|---:|").append("---:|".repeat(owners.size())).append("---:|---:|\n");
        for (int i = 1; i <= 2; i++) {
            Phase p = phases[i];
            double busy = (p.machineEnd[0] - p.machineStart[0]) / (double) (p.machineEnd[1] - p.machineStart[1])
                    * Runtime.getRuntime().availableProcessors();
            r.append("| ").append(names[i]).append(String.format(Locale.ROOT, " | %.2f", busy));
            double ours = 0;
            for (String owner : owners) {
                long ticks = p.cpuEnd.getOrDefault(owner, 0L) - p.cpuStart.getOrDefault(owner, 0L);
                double perSecond = Math.max(0, ticks) / 100.0 / p.seconds();
                ours += perSecond;
                r.append(String.format(Locale.ROOT, " | %.2f", perSecond));
            }
            r.append(String.format(Locale.ROOT, " | %.2f | %.1f |%n", Math.max(0, busy - ours),
                    ours * p.seconds() * 1000 / Math.max(1, p.issued.sum())));
        }
        r.append("\nWhat one certificate issued through the API costs the database (measured over the phase, with the OCSP "
                + "load and revocations included):\n\n| phase | WAL bytes per certificate | audit rows per certificate |\n|---|---:|---:|\n");
        for (int i = 1; i <= 2; i++) {
            Phase p = phases[i];
            long n = Math.max(1, p.issued.sum());
            r.append(String.format(Locale.ROOT, "| %s | %,d | %.2f |%n", names[i], (p.walEnd - p.walStart) / n,
                    (p.auditEnd - p.auditStart) / (double) n));
        }
        r.append("\n## Correctness\n\n");
        r.append("| check | result |\n|---|---|\n");
        db.forEach((k, v) -> r.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        r.append("| wrong OCSP answers during the load (revoked/unknown for a good certificate, or an error status) | ")
                .append(wrongAnswers.size()).append(" |\n");
        r.append("| revocation seen by every live responder within 1 s | ").append(
                revocationLatencies.isEmpty() ? "no sample" : "max " + Collections.max(revocationLatencies) + " ms over "
                        + revocationLatencies.size() + " checks").append(" |\n");
        r.append("\n**Overall: ").append(pass ? "PASS" : "FAIL").append("**\n\n");
        if (!problems.isEmpty() || !wrongAnswers.isEmpty() || !issuanceErrors.isEmpty()) {
            r.append("Problems:\n\n");
            problems.stream().limit(30).forEach(p -> r.append("- ").append(p).append('\n'));
            wrongAnswers.stream().limit(30).forEach(p -> r.append("- ").append(p).append('\n'));
            issuanceErrors.stream().limit(30).forEach(p -> r.append("- issuance error: ").append(p).append('\n'));
            r.append('\n');
        }
        r.append("## Connection failures absorbed by the balancer (retried on the other node)\n\n");
        if (failures.isEmpty()) {
            r.append("None.\n\n");
        } else {
            Map<String, Integer> grouped = new TreeMap<>();
            for (Balancer.Failure f : failures) {
                String when = String.format(Locale.ROOT, "%+.0f ms", (f.atNanos() - killNanos) / 1e6);
                String key = f.target() + " | " + f.operation() + " | " + f.error().replaceAll("\\d{4,}", "N");
                grouped.merge(key + " | first " + when, 1, Integer::sum);
            }
            long first = failures.stream().mapToLong(Balancer.Failure::atNanos).min().orElse(killNanos);
            long last = failures.stream().mapToLong(Balancer.Failure::atNanos).max().orElse(killNanos);
            r.append(String.format(Locale.ROOT, "%d failures, from %+.0f ms to %+.0f ms after the kill; every one was "
                            + "retried on the surviving node (none became a client-visible error, none was a wrong answer).%n%n",
                    failures.size(), (first - killNanos) / 1e6, (last - killNanos) / 1e6));
            r.append("| node | operation | error | count |\n|---|---|---|---:|\n");
            Map<String, Integer> collapsed = new TreeMap<>();
            grouped.forEach((k, v) -> collapsed.merge(k.substring(0, k.lastIndexOf(" | first")), v, Integer::sum));
            collapsed.forEach((k, v) -> r.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            r.append('\n');
        }
        r.append("## Revocations during the load\n\n");
        revocationChecks.forEach(l -> r.append("- ").append(l).append('\n'));
        r.append("\n## Clustered Quartz: CRLs of ").append(ISSUING_CA).append(" (from the audit log)\n\n");
        r.append("Each revocation fires a one-off delta-CRL job on whichever node's scheduler takes it; the actor names the node.\n\n");
        r.append("| at | actor | action | CRL number |\n|---|---|---|---:|\n");
        crls.forEach(l -> r.append("| ").append(l).append(" |\n"));
        r.append("\n## Timeline\n\n");
        timeline.forEach(l -> r.append("- ").append(l).append('\n'));
        return r.toString();
    }

    // --- processes ----------------------------------------------------------------------------------------------

    private void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start();
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("create database eimzo");
        }
        note("PostgreSQL on port " + postgres.getPort());
    }

    private void startCaNode(String name, int port, int responderPort, String personalDataKey) throws IOException {
        start(name, port, List.of(javaCommand, "-Xmx384m", "-jar", raJar.toString(),
                "--server.port=" + port,
                // Every node on this machine needs its own actuator port: any free one.
                "--management.server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/eimzo",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--eimzo.ca.demo=true",
                "--eimzo.ca.demo-credentials=" + work.resolve("demo-operators.txt"),
                "--eimzo.ca.pkcs12=" + work.resolve("demo-ca.p12"),
                "--eimzo.ca.pkcs12-password=scale-out-demo",
                "--eimzo.ca.responder-url=http://127.0.0.1:" + responderPort,
                "--eimzo.ca.responder-round=PT2S",
                "--eimzo.ra.personal-data-key=" + personalDataKey,
                "--eimzo.ra.https-port=0",
                "--eimzo.ra.tls-keystore=" + work.resolve(name + "-tls.p12"),
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                "--logging.level.root=WARN",
                "--logging.level.uz.eimzo=INFO"));
    }

    private void startResponder(String name, int port) throws IOException {
        start(name, port, List.of(javaCommand, "-Xmx256m", "-jar", responderJar.toString(),
                "--server.port=" + port,
                // Every node on this machine needs its own actuator port: any free one.
                "--management.server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/eimzo",
                "--spring.datasource.username=eimzo_responder",
                "--spring.datasource.password=",
                "--eimzo.ocsp.responder-name=" + name,
                "--eimzo.ocsp.keys.pkcs12-file=" + work.resolve(name + ".p12"),
                "--eimzo.ocsp.keys.password=scale-out",
                "--eimzo.ocsp.keys.check-interval=PT1S",
                "--logging.level.root=WARN",
                "--logging.level.uz.eimzo=INFO"));
    }

    private void start(String name, int port, List<String> command) throws IOException {
        Path logs = Files.createDirectories(work.resolve("logs"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile()).start();
        processes.put(name, process);
        ports.put(name, port);
        note(name + " started (pid " + process.pid() + ", port " + port + ")");
    }

    private void kill(String name) throws InterruptedException {
        Process process = processes.get(name);
        process.destroyForcibly();   // SIGKILL: no shutdown hook, no graceful close of connections
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private void stopAll() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private void awaitHttp200(String name, String url, int seconds) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds); System.nanoTime() < deadline; Thread.sleep(500)) {
            if (!processes.get(name).isAlive()) {
                throw new IllegalStateException(name + " exited; see " + work.resolve("logs/" + name + ".log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    note(name + " ready");
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
        }
        throw new IllegalStateException(name + " not ready after " + seconds + " s; see " + work.resolve("logs/" + name + ".log"));
    }

    /** A responder is ready once the CA cluster has certified its delegated key and it answers "good". */
    private void awaitResponder(Balancer.Target responder, Issued probe) throws Exception {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); System.nanoTime() < deadline; Thread.sleep(250)) {
            try {
                if (Pki.parse(responders.sendTo(responder, base -> ocspPost(base, probe.request())).body()).good()) {
                    note(responder.name() + " answering (delegated certificate issued by the CA cluster's Quartz job)");
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
        }
        throw new IllegalStateException(responder.name() + " never answered good; see " + work.resolve("logs/" + responder.name() + ".log"));
    }

    // --- CPU accounting (Linux /proc; clock ticks of 10 ms) -----------------------------------------------------

    private void sampleCpu(Phase p, boolean start) {
        Map<String, Long> perOwner = new LinkedHashMap<>();
        processes.forEach((name, process) -> perOwner.put(name, process.isAlive() ? ticks(process.pid()) : 0L));
        Map<Long, Long> backends = postgresTicks();
        if (start) {
            p.postgresStart = backends;
            perOwner.put("postgres", 0L);
        } else {
            // Per process, so that backends which exited (the killed node's connections) do not make it negative.
            long used = 0;
            for (var e : backends.entrySet()) {
                used += e.getValue() - p.postgresStart.getOrDefault(e.getKey(), 0L);
            }
            perOwner.put("postgres", used);
        }
        perOwner.put("load driver", ticks(ProcessHandle.current().pid()));
        long[] machine = machineTicks();
        long[] database = walAndAudit();
        if (start) {
            p.walStart = database[0];
            p.auditStart = database[1];
        } else {
            p.walEnd = database[0];
            p.auditEnd = database[1];
        }
        if (start) {
            p.cpuStart = perOwner;
            p.machineStart = machine;
        } else {
            // A process killed during the phase has no end reading: count it as its start (no CPU known after).
            perOwner.replaceAll((name, ticks) -> ticks == 0L ? p.cpuStart.getOrDefault(name, 0L) : ticks);
            p.cpuEnd = perOwner;
            p.machineEnd = machine;
        }
    }

    /** utime + stime of one process (all its threads). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Bytes of WAL written so far, and audit rows. */
    private long[] walAndAudit() {
        try (Connection c = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "eimzo"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint, "
                     + "(select count(*) from audit_event)")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU ticks of every process named postgres (the server and its backends), by pid. */
    private static Map<Long, Long> postgresTicks() {
        Map<Long, Long> total = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        long pid = Long.parseLong(dir.getFileName().toString());
                        total.put(pid, ticks(pid));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /** Busy and total ticks of the whole machine, from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 1};
        }
    }

    // --- small helpers ------------------------------------------------------------------------------------------

    private HttpRequest api(URI base, String path, String json) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest ocspPost(URI base, byte[] request) {
        return HttpRequest.newBuilder(base.resolve("/ocsp")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build();
    }

    /** A distinct valid PINFL per applicant: male, born 15 March 1990, district and sequence from n. */
    private static String pinfl(int n) {
        String first13 = String.format(Locale.ROOT, "3150390%03d%03d", 1 + (n / 999) % 999, 1 + n % 999);
        return first13 + Pinfl.checkDigit(first13);
    }

    private static String percentiles(java.util.Queue<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        if (sorted.isEmpty()) {
            return "-";
        }
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%.1f / %.1f", sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1000.0);
    }

    /** Seconds on the driver's clock, the one the timeline uses. */
    private double sinceKill() {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void note(String line) {
        String stamped = String.format(Locale.ROOT, "%6.1f s  %s", (System.nanoTime() - t0) / 1e9, line);
        timeline.add(stamped);
        System.out.println(stamped);
    }

    private static Object single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        String memory = "unknown";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse(memory);
        } catch (IOException | RuntimeException ignored) {
            // reported as unknown
        }
        return String.format(Locale.ROOT, "nproc %d, %s, RAM %s, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, memory, System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }
}
