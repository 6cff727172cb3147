package uz.eimzo.ca.bench.tsa;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import uz.eimzo.ca.gost.UzDst;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** Digests for signing the bench document as a client would: the national hash from our provider, SHA-2 from the JDK. */
final class BenchDigests implements DigestCalculatorProvider {

    static final BenchDigests INSTANCE = new BenchDigests();

    @Override
    public DigestCalculator get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
        try {
            String oid = algorithm.getAlgorithm().getId();
            MessageDigest digest = UzDst.DIGEST_OID.equals(oid)
                    ? MessageDigest.getInstance(UzDst.DIGEST_ALGORITHM, UzDst.provider()) : MessageDigest.getInstance(oid);
            OutputStream stream = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
            return new DigestCalculator() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return algorithm;
                }

                @Override
                public OutputStream getOutputStream() {
                    return stream;
                }

                @Override
                public byte[] getDigest() {
                    return digest.digest();
                }
            };
        } catch (Exception e) {
            throw new OperatorCreationException("no digest " + algorithm.getAlgorithm(), e);
        }
    }
}
