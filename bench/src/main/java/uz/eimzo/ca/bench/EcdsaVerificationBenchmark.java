package uz.eimzo.ca.bench;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;

/**
 * Why the issuer verifies ECDSA with Bouncy Castle (uz.eimzo.ca.x509.SignatureChecks): one P-256 verification of
 * 700 bytes by SunEC and by Bouncy Castle's lightweight signer, with the key decoded each time (a request's proof
 * of possession) and with a key decoded once (the CA checking its own signature).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class EcdsaVerificationBenchmark {

    @State(Scope.Benchmark)
    public static class Signed {
        byte[] data = new byte[700];
        byte[] signature;
        byte[] encodedKey;
        PublicKey jcaKey;
        AsymmetricKeyParameter bcKey;

        @Setup(Level.Trial)
        public void sign() throws GeneralSecurityException, IOException {
            KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
            new SecureRandom().nextBytes(data);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(data);
            signature = signer.sign();
            encodedKey = pair.getPublic().getEncoded();
            jcaKey = pair.getPublic();
            bcKey = PublicKeyFactory.createKey(encodedKey);
        }
    }

    @Benchmark
    public boolean sunEcDecodedKey(Signed signed) throws GeneralSecurityException {
        return sunEc(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(signed.encodedKey)), signed);
    }

    @Benchmark
    public boolean sunEcKnownKey(Signed signed) throws GeneralSecurityException {
        return sunEc(signed.jcaKey, signed);
    }

    @Benchmark
    public boolean bouncyCastleDecodedKey(Signed signed) throws IOException {
        return bouncyCastle(PublicKeyFactory.createKey(signed.encodedKey), signed);
    }

    @Benchmark
    public boolean bouncyCastleKnownKey(Signed signed) {
        return bouncyCastle(signed.bcKey, signed);
    }

    private static boolean sunEc(PublicKey key, Signed signed) throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key);
        verifier.update(signed.data);
        return verifier.verify(signed.signature);
    }

    private static boolean bouncyCastle(AsymmetricKeyParameter key, Signed signed) {
        DSADigestSigner verifier = new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
        verifier.init(false, key);
        verifier.update(signed.data, 0, signed.data.length);
        return verifier.verifySignature(signed.signature);
    }
}
