package uz.eimzo.ca.x509;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uz.eimzo.ca.x509.KeyUsageBit.DATA_ENCIPHERMENT;
import static uz.eimzo.ca.x509.KeyUsageBit.DIGITAL_SIGNATURE;
import static uz.eimzo.ca.x509.KeyUsageBit.KEY_AGREEMENT;
import static uz.eimzo.ca.x509.KeyUsageBit.KEY_ENCIPHERMENT;
import static uz.eimzo.ca.x509.KeyUsageBit.NON_REPUDIATION;

/** The lint refuses a keyUsage bit the subject's key type cannot honour, and says which RFC forbids it. */
class KeyUsageLintTest {

    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final KeyPair CA = KeyAlgorithm.EC_P256.generate(new SecureRandom());

    private static LintedTbs lint(KeyAlgorithm subjectKey, Set<KeyUsageBit> keyUsage) {
        var content = new CertificateContent(new BigInteger("7f1234567890abcdef1234", 16),
                List.of(new DnAttribute(DnAttribute.CN, "TOSHMATOV ALISHER"), new DnAttribute(DnAttribute.C, "UZ")),
                subjectKey.generate(new SecureRandom()).getPublic(), NOW, NOW.plus(Duration.ofDays(365)),
                keyUsage, List.of("1.3.6.1.5.5.7.3.2"), List.of(), false, null, null, null, null);
        TbsCertificate tbs = TbsCertificate.build(content, null, CA.getPublic(), KeyAlgorithm.EC_P256.signatureAlgorithm());
        return Linter.lint(tbs, new Linter.Rules(Duration.ofDays(400), null, EnumSet.allOf(KeyAlgorithm.class)));
    }

    @Test
    void ecKeyWithKeyEnciphermentOrDataEnciphermentIsRefusedCitingRfc5480() {
        assertThatThrownBy(() -> lint(KeyAlgorithm.EC_P256, EnumSet.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, DATA_ENCIPHERMENT)))
                .isInstanceOfSatisfying(LintException.class, e -> assertThat(e.findings()).containsExactly(
                        "keyUsage keyEncipherment is not allowed for a EC_P256 subject key (RFC 5480 section 3)",
                        "keyUsage dataEncipherment is not allowed for a EC_P256 subject key (RFC 5480 section 3)"));
    }

    @Test
    void ed25519KeyWithAnyEnciphermentOrKeyAgreementIsRefusedCitingRfc8410() {
        assertThatThrownBy(() -> lint(KeyAlgorithm.ED25519, EnumSet.of(DIGITAL_SIGNATURE, KEY_AGREEMENT)))
                .isInstanceOfSatisfying(LintException.class, e -> assertThat(e.findings()).containsExactly(
                        "keyUsage keyAgreement is not allowed for a ED25519 subject key (RFC 8410 section 5)"));
        assertThatThrownBy(() -> lint(KeyAlgorithm.ED25519, EnumSet.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT)))
                .hasMessageContaining("keyEncipherment").hasMessageContaining("RFC 8410");
    }

    @Test
    void rsaKeyWithKeyAgreementIsRefusedCitingRfc4055() {
        assertThatThrownBy(() -> lint(KeyAlgorithm.RSA_2048, EnumSet.of(DIGITAL_SIGNATURE, KEY_AGREEMENT)))
                .isInstanceOfSatisfying(LintException.class, e -> assertThat(e.findings()).containsExactly(
                        "keyUsage keyAgreement is not allowed for a RSA_2048 subject key (RFC 4055 section 1.2)"));
    }

    @Test
    void eachKeyTypePassesWithTheBitsItsRfcAllows() {
        assertThat(lint(KeyAlgorithm.EC_P384, EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_AGREEMENT))).isNotNull();
        assertThat(lint(KeyAlgorithm.RSA_2048, EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT,
                DATA_ENCIPHERMENT))).isNotNull();
        assertThat(lint(KeyAlgorithm.ED25519, EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION))).isNotNull();
        assertThat(lint(KeyAlgorithm.GOST_UZ, EnumSet.of(DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT,
                DATA_ENCIPHERMENT, KEY_AGREEMENT))).isNotNull();
    }
}
