package uz.eimzo.ca.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.SigningKey;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

/**
 * Signing and verifying a certificate-sized message (1 KiB, like a TBS) with the national O'z DSt 1092
 * algorithm beside ECDSA P-256, through the same JCA calls the CA makes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GostSignatureBenchmark {

    @Param({"GOST_UZ", "EC_P256"})
    public String algorithm;

    private SigningKey key;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() {
        key = InMemorySigningKey.generate(KeyAlgorithm.valueOf(algorithm));
        message = new byte[1024];
        new SecureRandom().nextBytes(message);
        signature = key.sign(message);
    }

    @Benchmark
    public byte[] sign() {
        return key.sign(message);
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance(key.signatureAlgorithm());
        verifier.initVerify(key.publicKey());
        verifier.update(message);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("signature did not verify");
        }
        return true;
    }
}
