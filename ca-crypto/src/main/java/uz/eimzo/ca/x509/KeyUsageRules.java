package uz.eimzo.ca.x509;

import uz.eimzo.ca.keys.KeyAlgorithm;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static uz.eimzo.ca.x509.KeyUsageBit.CRL_SIGN;
import static uz.eimzo.ca.x509.KeyUsageBit.DATA_ENCIPHERMENT;
import static uz.eimzo.ca.x509.KeyUsageBit.DIGITAL_SIGNATURE;
import static uz.eimzo.ca.x509.KeyUsageBit.KEY_AGREEMENT;
import static uz.eimzo.ca.x509.KeyUsageBit.KEY_CERT_SIGN;
import static uz.eimzo.ca.x509.KeyUsageBit.KEY_ENCIPHERMENT;
import static uz.eimzo.ca.x509.KeyUsageBit.NON_REPUDIATION;

/**
 * Which keyUsage bits a certificate may assert for the type of key it certifies: a key can only do what its
 * algorithm can do, so an Ed25519 key cannot encipher and an ECDSA key cannot be the target of RSA-style key
 * transport. The lint refuses any other bit; {@link #endEntity} is what our subscriber profiles assert.
 */
public final class KeyUsageRules {

    private KeyUsageRules() {
    }

    /** Every bit a certificate (CA or end entity) may assert for a subject key of this type. */
    public static Set<KeyUsageBit> permitted(KeyAlgorithm subjectKey) {
        return switch (subjectKey) {
            // RFC 4055 section 1.2 (and RFC 3279 section 2.3.1): rsaEncryption keys sign and transport keys; no keyAgreement.
            case RSA_2048, RSA_3072, RSA_4096 -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT,
                    DATA_ENCIPHERMENT, KEY_CERT_SIGN, CRL_SIGN);
            // RFC 5480 section 3: id-ecPublicKey MUST NOT assert keyEncipherment or dataEncipherment.
            case EC_P256, EC_P384 -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_AGREEMENT, KEY_CERT_SIGN, CRL_SIGN);
            // RFC 8410 section 5 (as RFC 9295 restates it): id-Ed25519 signs only; no encipherment, no keyAgreement.
            case ED25519 -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_CERT_SIGN, CRL_SIGN);
            // No RFC covers O'z DSt 1092 keys; real E-IMZO subscriber certificates assert these five, CAs sign with them.
            case GOST_UZ -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT, DATA_ENCIPHERMENT,
                    KEY_AGREEMENT, KEY_CERT_SIGN, CRL_SIGN);
        };
    }

    /** What a subscriber certificate for a key of this type asserts: the most {@link #permitted} allows a leaf. */
    public static Set<KeyUsageBit> endEntity(KeyAlgorithm subjectKey) {
        return switch (subjectKey) {
            // dataEncipherment is permitted for RSA but not asserted: nobody should encipher data with the key directly.
            case RSA_2048, RSA_3072, RSA_4096 -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT);
            case EC_P256, EC_P384 -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_AGREEMENT);
            case ED25519 -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION);
            case GOST_UZ -> EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT, DATA_ENCIPHERMENT, KEY_AGREEMENT);
        };
    }

    /** Where {@link #permitted} comes from, for refusal messages. */
    public static String source(KeyAlgorithm subjectKey) {
        return switch (subjectKey) {
            case RSA_2048, RSA_3072, RSA_4096 -> "RFC 4055 section 1.2";
            case EC_P256, EC_P384 -> "RFC 5480 section 3";
            case ED25519 -> "RFC 8410 section 5";
            case GOST_UZ -> "the E-IMZO profile of O'z DSt 1092 keys";
        };
    }

    /** Adds a lint finding, naming its rule, for each bit of {@code keyUsage} the subject key may not carry. */
    static void check(Set<KeyUsageBit> keyUsage, KeyAlgorithm subjectKey, List<String> findings) {
        Set<KeyUsageBit> allowed = permitted(subjectKey);
        for (KeyUsageBit bit : KeyUsageBit.values()) {
            if (keyUsage.contains(bit) && !allowed.contains(bit)) {
                findings.add("keyUsage " + bit.rfcName() + " is not allowed for a " + subjectKey + " subject key ("
                        + source(subjectKey) + ")");
            }
        }
    }
}
