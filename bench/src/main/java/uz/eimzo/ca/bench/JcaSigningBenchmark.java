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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.SigningKey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling beside {@link IssuanceBenchmark}: how many signatures per second the JDK's software providers
 * (SunEC, SunRsaSign) make with the same kinds of CA key, over bytes the size of a TBS certificate; the same with a
 * verification, as the issuer checks every signature it makes; and our own {@code SigningKey} on that key, which
 * signs EC with Bouncy Castle (uz.eimzo.ca.keys.SoftwareEcdsa).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class JcaSigningBenchmark {

    @State(Scope.Benchmark)
    public static class Key {
        @Param({"EC_P256", "RSA_2048"})
        public KeyAlgorithm caKey;

        KeyPair pair;
        SigningKey signingKey;
        byte[] tbs = new byte[700];

        @Setup(Level.Trial)
        public void create() {
            pair = caKey.generate(new SecureRandom());
            signingKey = InMemorySigningKey.of(pair);
            new SecureRandom().nextBytes(tbs);
        }
    }

    @Benchmark
    @Threads(1)
    public byte[] signOneThread(Key key) throws GeneralSecurityException {
        return sign(key);
    }

    @Benchmark
    @Threads(2)
    public byte[] signTwoThreads(Key key) throws GeneralSecurityException {
        return sign(key);
    }

    /** Our own SigningKey on the same key: Bouncy Castle's ECDSA for EC keys held in memory (SoftwareEcdsa). */
    @Benchmark
    @Threads(1)
    public byte[] signingKeyOneThread(Key key) {
        return key.signingKey.sign(key.tbs);
    }

    @Benchmark
    @Threads(1)
    public boolean signAndVerifyOneThread(Key key) throws GeneralSecurityException {
        byte[] signature = sign(key);
        Signature verifier = Signature.getInstance(key.caKey.signatureAlgorithm());
        verifier.initVerify(key.pair.getPublic());
        verifier.update(key.tbs);
        return verifier.verify(signature);
    }

    private static byte[] sign(Key key) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(key.caKey.signatureAlgorithm());
        signer.initSign(key.pair.getPrivate());
        signer.update(key.tbs);
        return signer.sign();
    }
}
