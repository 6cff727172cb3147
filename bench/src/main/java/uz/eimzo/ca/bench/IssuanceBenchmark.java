package uz.eimzo.ca.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;

import java.util.List;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * Certificates per second, end to end: a PKCS#10 request in, checked (proof of possession, key not reused),
 * linted, recorded PENDING, signed by the issuing CA's software key, stored GOOD and audited, on a real
 * PostgreSQL. Subscriber keys and their requests are made before each iteration, outside the measurement.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class IssuanceBenchmark {

    /** Enough requests for one iteration at well above the target rate; more are made in line if it runs out. */
    private static final int REQUESTS_PER_ITERATION = 12_000;

    /** The CA, shared by all threads: one database, one issuing key. */
    @State(Scope.Benchmark)
    public static class Ca {
        @Param({"EC_P256", "RSA_2048"})
        public KeyAlgorithm caKey;

        BenchCa ca;
        Subject subject;

        @Setup(Level.Trial)
        public void create() {
            ca = BenchCa.create(caKey);
            subject = BenchCa.individual();
        }

        @TearDown(Level.Trial)
        public void close() {
            ca.close();
        }
    }

    /** Each thread's stock of fresh requests: a key may back only one live certificate. */
    @State(Scope.Thread)
    public static class Requests {
        final SecureRandom random = new SecureRandom();
        final ArrayDeque<byte[]> stock = new ArrayDeque<>();

        @Setup(Level.Iteration)
        public void fill() {
            while (stock.size() < REQUESTS_PER_ITERATION) {
                stock.add(BenchCa.newCsr(random));
            }
        }

        byte[] next() {
            byte[] csr = stock.poll();
            return csr != null ? csr : BenchCa.newCsr(random);
        }
    }

    @Benchmark
    @Threads(1)
    public IssuedCertificate issueFromCsrOneThread(Ca ca, Requests requests) {
        return issue(ca, requests);
    }

    @Benchmark
    @Threads(2)
    public IssuedCertificate issueFromCsrTwoThreads(Ca ca, Requests requests) {
        return issue(ca, requests);
    }

    private static IssuedCertificate issue(Ca ca, Requests requests) {
        return ca.ca.services.issuer().issueFromCsr(BenchCa.ISSUING, "individual", List.of(), ca.subject, requests.next(),
                "bench", RegistrationIds.NONE);
    }
}
