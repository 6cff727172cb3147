package uz.eimzo.ca.keys;

import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPublicKey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/** The key types a CA or a subscriber may hold, with the JCA names used to make and use them. */
public enum KeyAlgorithm {
    RSA_2048("RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA", 3072, null, "SHA256withRSA"),
    RSA_4096("RSA", 4096, null, "SHA256withRSA"),
    EC_P256("EC", 256, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", 384, "secp384r1", "SHA384withECDSA"),
    ED25519("Ed25519", 255, null, "Ed25519"),
    /** O'z DSt 1092:2009-2 with O'z DSt 1106:2009, the E-IMZO national algorithm (see docs/gost-uz.md). */
    GOST_UZ(UzDst.KEY_ALGORITHM, 256, null, UzDst.SIGNATURE_ALGORITHM);

    static {
        // The national algorithm is a JCA provider of our own: present before any key of it is made or read.
        UzDst.install();
    }

    private final String family;
    private final int size;
    private final String curve;
    private final String signatureAlgorithm;

    KeyAlgorithm(String family, int size, String curve, String signatureAlgorithm) {
        this.family = family;
        this.size = size;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** JCA key algorithm name: RSA, EC, Ed25519 or UZDST1092. */
    public String family() {
        return family;
    }

    public int size() {
        return size;
    }

    /** JCA signature algorithm a key of this type signs with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve), random);
            } else if (!"Ed25519".equals(family)) {
                generator.initialize(size, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate " + this + " key", e);
        }
    }

    /** The type of a public key, or empty for one we do not accept (RSA-1024, a weak curve, DSA...). */
    public static Optional<KeyAlgorithm> of(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            return Arrays.stream(values()).filter(a -> a.family.equals("RSA") && a.size == bits).findFirst();
        }
        if (key instanceof ECPublicKey ec) {
            String name = curveName(ec);
            return Arrays.stream(values()).filter(a -> a.curve != null && a.curve.equals(name)).findFirst();
        }
        if (key instanceof UzDstPublicKey) {
            return Optional.of(GOST_UZ);
        }
        if ("Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            return Optional.of(ED25519);
        }
        return Optional.empty();
    }

    /** A short human description of any public key, for refusal messages. */
    public static String describe(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return "EC " + curveName(ec);
        }
        return key.getAlgorithm();
    }

    private static String curveName(ECPublicKey key) {
        var params = key.getParams();
        int field = params.getCurve().getField().getFieldSize();
        // Only the two NIST curves are accepted; recognise them by their order, not by a provider's label.
        String order = params.getOrder().toString(16);
        if (field == 256 && order.equals("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")) {
            return "secp256r1";
        }
        if (field == 384 && order.equals(
                "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973")) {
            return "secp384r1";
        }
        return "curve of " + field + " bits";
    }
}
