package uz.eimzo.ca.gost;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.GOST3411Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECGOST3410Signer;
import org.bouncycastle.util.BigIntegers;

import java.io.Serial;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyFactorySpi;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.MessageDigestSpi;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * JCA provider for O'z DSt 1092:2009-2 / O'z DSt 1106:2009 over Bouncy Castle's lightweight GOST classes.
 * Each service answers to its name, "OID.x" and the bare OID, so the JDK maps certificate and PKCS#8
 * algorithm identifiers to it. The 2024 family's OIDs are aliases of the same services.
 */
final class UzDstProvider extends Provider {

    @Serial
    private static final long serialVersionUID = 1L;

    UzDstProvider() {
        super("UzDst", "1.0", "O'z DSt 1092:2009-2 signatures with O'z DSt 1106:2009 hashes (GOST R 34.10-2001 / 34.11-94 mathematics)");
        service("KeyPairGenerator", UzDst.KEY_ALGORITHM, List.of(UzDst.KEY_OID, UzDst.KEY_2024_OID));
        service("KeyFactory", UzDst.KEY_ALGORITHM, List.of(UzDst.KEY_OID, UzDst.KEY_2024_OID));
        service("Signature", UzDst.SIGNATURE_ALGORITHM, List.of(UzDst.SIGNATURE_OID, UzDst.SIGNATURE_2024_OID));
        service("MessageDigest", UzDst.DIGEST_ALGORITHM, List.of(UzDst.DIGEST_OID, UzDst.DIGEST_2024_OID));
    }

    private void service(String type, String name, List<String> oids) {
        List<String> aliases = oids.stream().flatMap(oid -> Stream.of(oid, "OID." + oid)).toList();
        // Instances are made here rather than by reflection on class names, so the SPIs stay package-private.
        putService(new Service(this, type, name, getClass().getName() + "$" + type, aliases, Map.of()) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return switch (getType()) {
                    case "KeyPairGenerator" -> new Generator();
                    case "KeyFactory" -> new Factory();
                    case "Signature" -> new Sig();
                    case "MessageDigest" -> new Digest();
                    default -> throw new IllegalStateException(getType());
                };
            }
        });
    }

    /** Reads any key object whose encoding is ours, e.g. a generic key the JDK built before the provider was installed. */
    static UzDstPublicKey publicKey(Key key) throws InvalidKeyException {
        if (key instanceof UzDstPublicKey own) {
            return own;
        }
        if (key instanceof PublicKey && "X.509".equals(key.getFormat()) && key.getEncoded() != null) {
            return UzDstPublicKey.decode(key.getEncoded());
        }
        throw new InvalidKeyException("Not an O'z DSt 1092 public key: " + (key == null ? null : key.getAlgorithm()));
    }

    static UzDstPrivateKey privateKey(Key key) throws InvalidKeyException {
        if (key instanceof UzDstPrivateKey own) {
            return own;
        }
        if (key instanceof PrivateKey && "PKCS#8".equals(key.getFormat()) && key.getEncoded() != null) {
            return UzDstPrivateKey.decode(key.getEncoded());
        }
        throw new InvalidKeyException("Not an O'z DSt 1092 private key: " + (key == null ? null : key.getAlgorithm()));
    }

    /** Key pairs on parameter set A (the only size is 256 bits). */
    static final class Generator extends KeyPairGeneratorSpi {
        private SecureRandom random;

        @Override
        public void initialize(int keysize, SecureRandom random) {
            if (keysize != 256) {
                throw new InvalidParameterException("O'z DSt 1092:2009-2 keys are 256 bits");
            }
            this.random = random;
        }

        @Override
        public void initialize(AlgorithmParameterSpec params, SecureRandom random) throws InvalidAlgorithmParameterException {
            throw new InvalidAlgorithmParameterException("Only parameter set A is generated; initialise with 256 bits");
        }

        @Override
        public KeyPair generateKeyPair() {
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(UzDstCurve.CRYPTO_PRO_A, random == null ? new SecureRandom() : random));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            ECPublicKeyParameters pub = (ECPublicKeyParameters) pair.getPublic();
            ECPrivateKeyParameters priv = (ECPrivateKeyParameters) pair.getPrivate();
            return new KeyPair(UzDstPublicKey.of(UzDst.KEY_OID, pub.getQ()), UzDstPrivateKey.of(UzDst.KEY_OID, priv.getD()));
        }
    }

    /** X.509 SubjectPublicKeyInfo and PKCS#8 in the E-IMZO encoding. */
    static final class Factory extends KeyFactorySpi {
        @Override
        protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
            if (!(spec instanceof X509EncodedKeySpec x509)) {
                throw new InvalidKeySpecException("Only X509EncodedKeySpec is supported");
            }
            try {
                return UzDstPublicKey.decode(x509.getEncoded());
            } catch (InvalidKeyException e) {
                throw new InvalidKeySpecException(e.getMessage(), e);
            }
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
            if (!(spec instanceof PKCS8EncodedKeySpec pkcs8)) {
                throw new InvalidKeySpecException("Only PKCS8EncodedKeySpec is supported");
            }
            try {
                return UzDstPrivateKey.decode(pkcs8.getEncoded());
            } catch (InvalidKeyException e) {
                throw new InvalidKeySpecException(e.getMessage(), e);
            }
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type) throws InvalidKeySpecException {
            if (type.isAssignableFrom(X509EncodedKeySpec.class) && key instanceof PublicKey) {
                return type.cast(new X509EncodedKeySpec(key.getEncoded()));
            }
            if (type.isAssignableFrom(PKCS8EncodedKeySpec.class) && key instanceof PrivateKey) {
                return type.cast(new PKCS8EncodedKeySpec(key.getEncoded()));
            }
            throw new InvalidKeySpecException("Unsupported key spec " + type.getName());
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return key instanceof PublicKey ? publicKey(key) : privateKey(key);
        }
    }

    /**
     * Hash with GOST R 34.11-94 (CryptoPro parameters), sign with GOST R 34.10-2001; the signature is
     * s then r, 32 bytes each, big-endian. This is the convention under which the real 2016 root and
     * 2018 issuing CA certificates verify (the hash goes to the signer as the digest emits it).
     */
    static final class Sig extends SignatureSpi {
        private final GOST3411Digest digest = new GOST3411Digest();
        private ECGOST3410Signer signer;
        private SecureRandom random;

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            signer = new ECGOST3410Signer();
            signer.init(false, publicKey(publicKey).parameters());
            digest.reset();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            engineInitSign(privateKey, null);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            this.random = random;
            signer = new ECGOST3410Signer();
            signer.init(true, new ParametersWithRandom(privateKey(privateKey).parameters(),
                    random == null ? new SecureRandom() : random));
            digest.reset();
        }

        @Override
        protected void engineUpdate(byte b) {
            digest.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            requireInitialised();
            BigInteger[] rs = signer.generateSignature(hash());
            byte[] out = new byte[64];
            BigIntegers.asUnsignedByteArray(rs[1], out, 0, 32);
            BigIntegers.asUnsignedByteArray(rs[0], out, 32, 32);
            return out;
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            requireInitialised();
            byte[] hash = hash();
            if (sigBytes.length != 64) {
                return false;
            }
            BigInteger s = new BigInteger(1, Arrays.copyOfRange(sigBytes, 0, 32));
            BigInteger r = new BigInteger(1, Arrays.copyOfRange(sigBytes, 32, 64));
            return signer.verifySignature(hash, r, s);
        }

        private void requireInitialised() throws SignatureException {
            if (signer == null) {
                throw new SignatureException("Signature not initialised");
            }
        }

        private byte[] hash() {
            byte[] hash = new byte[digest.getDigestSize()];
            digest.doFinal(hash, 0);
            return hash;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("No parameters");
        }

        @Override
        protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
            if (params != null) {
                throw new InvalidAlgorithmParameterException("O'z DSt 1092 signatures take no parameters");
            }
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("No parameters");
        }
    }

    /** O'z DSt 1106:2009 = GOST R 34.11-94 with the CryptoPro S-box. */
    static final class Digest extends MessageDigestSpi implements Cloneable {
        private GOST3411Digest digest = new GOST3411Digest();

        @Override
        protected int engineGetDigestLength() {
            return 32;
        }

        @Override
        protected void engineUpdate(byte input) {
            digest.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            digest.update(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            byte[] out = new byte[32];
            digest.doFinal(out, 0);
            return out;
        }

        @Override
        protected void engineReset() {
            digest.reset();
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            Digest copy = (Digest) super.clone();
            copy.digest = new GOST3411Digest(digest);
            return copy;
        }
    }
}
