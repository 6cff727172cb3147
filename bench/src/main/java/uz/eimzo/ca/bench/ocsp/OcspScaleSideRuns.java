package uz.eimzo.ca.bench.ocsp;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import uz.eimzo.ca.bench.load.LoadDriver;
import uz.eimzo.ca.bench.load.LoadResult;
import uz.eimzo.ca.bench.load.Plan;
import uz.eimzo.ca.bench.load.ThreadedLoad;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The parts of the scale bench beside the main passes: revocations while two responders are under load, {@code openssl
 * ocsp -index} serving the same certificates, and the two-thread signing rate the nonce rate is compared with.
 */
final class OcspScaleSideRuns {

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private OcspScaleSideRuns() {
    }

    /**
     * Revokes {@code count} good certificates one after another while both responders answer the load (c=64 each),
     * and after each revocation asks both, every 5 ms, until each answers revoked: the delays, in ms, per responder.
     * The revocation is what ca-core's Revocations does (status, new revision, NOTIFY in one transaction), without its
     * audit and CRL listeners.
     */
    static String revocationUnderLoad(TestDatabase db, int caId, int[] ports, List<List<OcspWorkload.Ask>> load,
                                      List<BigInteger> serials, Function<BigInteger, byte[]> request) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> loaders = new ArrayList<>();
        LoadDriver driver = LoadDriver.chosen();
        for (int p = 0; p < ports.length; p++) {
            int port = ports[p];
            // Certificates are revoked meanwhile: any successful answer about the serial asked is right.
            OcspWorkload requests = new OcspWorkload(load.get(p).stream().map(OcspWorkload.Ask::anyStatus).toList());
            loaders.add(Thread.ofPlatform().start(() -> {
                try {
                    while (loading.get()) {
                        driver.run(port, Plan.timed(Plan.CONNECTIONS, 0, 2_000), requests);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        Thread.sleep(3_000);
        long[][] delays = new long[ports.length][serials.size()];
        try (Connection connection = db.dataSource().getConnection()) {
            for (int n = 0; n < serials.size(); n++) {
                BigInteger serial = serials.get(n);
                try (PreparedStatement revoke = connection.prepareStatement("""
                        update certificate set status = 'REVOKED', revoked_at = now(), revocation_reason = 1,
                            revision = nextval('certificate_revision') where ca_id = ? and serial = ?;
                        select pg_notify('certificate_status', ?)""")) {
                    revoke.setInt(1, caId);
                    revoke.setBigDecimal(2, new BigDecimal(serial));
                    revoke.setString(3, caId + ":" + serial.toString(16));
                    revoke.execute();
                }
                long committed = System.nanoTime();
                boolean[] seen = new boolean[ports.length];
                int left = ports.length;
                // Both asked in turn, so neither responder's delay includes waiting for the other.
                while (left > 0 && System.nanoTime() - committed < TimeUnit.SECONDS.toNanos(10)) {
                    for (int p = 0; p < ports.length; p++) {
                        if (!seen[p] && revoked(ports[p], request.apply(serial))) {
                            seen[p] = true;
                            left--;
                            delays[p][n] = (System.nanoTime() - committed) / 1_000_000;
                        }
                    }
                    Thread.sleep(5);
                }
                for (int p = 0; p < ports.length; p++) {
                    delays[p][n] = seen[p] ? delays[p][n] : Long.MAX_VALUE;
                }
                Thread.sleep(300);
            }
        } finally {
            loading.set(false);
            for (Thread loader : loaders) {
                loader.join();
            }
        }
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < ports.length; p++) {
            long[] sorted = delays[p].clone();
            Arrays.sort(sorted);
            long over = Arrays.stream(sorted).filter(d -> d >= 1000).count();
            out.append(String.format(Locale.ROOT, "%sresponder %d: median %d ms, max %s, %d of %d at 1 s or more",
                    p == 0 ? "" : "; ", p + 1, sorted[sorted.length / 2],
                    sorted[sorted.length - 1] == Long.MAX_VALUE ? "not within 10 s" : sorted[sorted.length - 1] + " ms",
                    over, sorted.length));
        }
        return out.toString();
    }

    private static boolean revoked(int port, byte[] request) throws Exception {
        byte[] der = ThreadedLoad.exchangeOnce(port, request);
        if (der == null || new OCSPResp(der).getStatus() != OCSPResp.SUCCESSFUL) {
            return false;
        }
        return ((BasicOCSPResp) new OCSPResp(der).getResponseObject()).getResponses()[0].getCertStatus() instanceof RevokedStatus;
    }

    /**
     * {@code openssl ocsp -index -multi 2} over an index.txt written from the database (same certificates, same
     * statuses), with a delegated responder certificate of the same key type: its rate on the same requests, or that
     * it did not answer within five minutes.
     */
    static String openssl(TestDatabase db, TestCa ca, Path work, int port, byte[] probe, List<OcspWorkload.Ask> asks) throws Exception {
        Path index = work.resolve("index.txt");
        long written = System.nanoTime();
        try (Connection connection = db.dataSource().getConnection(); Writer out = Files.newBufferedWriter(index)) {
            connection.setAutoCommit(false);
            try (PreparedStatement rows = connection.prepareStatement(
                    "select serial, status, not_after, revoked_at from certificate where ca_id = ? and status <> 'PENDING'")) {
                rows.setFetchSize(10_000);
                rows.setInt(1, ca.issuing.id());
                try (ResultSet rs = rows.executeQuery()) {
                    while (rs.next()) {
                        String serial = rs.getBigDecimal(1).toBigIntegerExact().toString(16).toUpperCase(Locale.ROOT);
                        serial = serial.length() % 2 == 1 ? "0" + serial : serial;
                        boolean revoked = !"GOOD".equals(rs.getString(2));
                        out.append(revoked ? "R" : "V").append('\t')
                                .append(INDEX_TIME.format(rs.getTimestamp(3).toInstant())).append('\t')
                                .append(revoked ? INDEX_TIME.format(rs.getTimestamp(4).toInstant()) + ",keyCompromise" : "")
                                .append('\t').append(serial).append("\tunknown\t/CN=bench-").append(serial).append('\n');
                    }
                }
            }
        }
        Files.writeString(work.resolve("index.txt.attr"), "unique_subject = no\n");
        double writeSeconds = (System.nanoTime() - written) / 1e9;
        KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var certificate = ca.services.issuer().delegated().ocspResponder(ca.issuing,
                List.of(new DnAttribute(DnAttribute.CN, "openssl scale bench responder")), pair.getPublic(), Duration.ofDays(7), "bench");
        Path cert = Files.writeString(work.resolve("openssl-responder.pem"), Certificates.pem(certificate.certificate()));
        Path key = Files.writeString(work.resolve("openssl-responder.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path issuer = Files.writeString(work.resolve("openssl-issuer.pem"), Certificates.pem(ca.issuing.certificate()));
        Process openssl = new ProcessBuilder("openssl", "ocsp", "-index", index.toString(), "-port", String.valueOf(port),
                "-rsigner", cert.toString(), "-rkey", key.toString(), "-CA", issuer.toString(), "-multi", "2",
                "-ignore_err", "-nmin", "10").redirectErrorStream(true).redirectOutput(work.resolve("openssl.log").toFile()).start();
        try {
            long started = System.nanoTime();
            byte[] request = OcspWorkload.post(port, "/", probe);
            while (!answers(port, request)) {
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(300) || !openssl.isAlive()) {
                    return String.format(Locale.ROOT, "index.txt written in %.1f s; no answer within 300 s%s", writeSeconds,
                            openssl.isAlive() ? "" : " (it exited)");
                }
                Thread.sleep(500);
            }
            double ready = (System.nanoTime() - started) / 1e9;
            LoadResult result = LoadDriver.chosen().run(port, Plan.timed(Plan.CONNECTIONS, 2_000, 10_000), new OcspWorkload(asks));
            return String.format(Locale.ROOT, "index.txt written in %.1f s; first answer after %.1f s; %s at c=64, uniform, no nonce (%s)",
                    writeSeconds, ready, result.brief(), result.outcomesText());
        } finally {
            openssl.descendants().forEach(ProcessHandle::destroy);
            openssl.destroy();
            if (!openssl.waitFor(10, TimeUnit.SECONDS)) {
                openssl.destroyForcibly();
            }
        }
    }

    private static boolean answers(int port, byte[] request) {
        try {
            byte[] der = ThreadedLoad.exchangeOnce(port, request);
            return der != null && new OCSPResp(der).getStatus() == OCSPResp.SUCCESSFUL;
        } catch (IOException e) {
            return false;
        }
    }

    /** Signatures per second with the JDK's provider on this many threads, as the responder signs. */
    static double signingRate(KeyAlgorithm algorithm, int threads) throws Exception {
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
}
