package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureChecksTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void certificateSignedByTheIssuerKeyVerifies(KeyAlgorithm algorithm) {
        KeyPair issuer = algorithm.generate(RANDOM);
        assertThat(SignatureChecks.issuerSignatureVerifies(certificate(issuer, algorithm), issuer.getPublic())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384", "RSA_2048", "ED25519"})
    void certificateDoesNotVerifyWithAnotherKeyOfTheSameKind(KeyAlgorithm algorithm) {
        KeyPair issuer = algorithm.generate(RANDOM);
        X509Certificate certificate = certificate(issuer, algorithm);
        assertThat(SignatureChecks.issuerSignatureVerifies(certificate, algorithm.generate(RANDOM).getPublic())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "EC_P384"})
    void signatureWithAFlippedBitDoesNotVerifyOnceTheIssuerKeyIsCached(KeyAlgorithm algorithm) {
        KeyPair issuer = algorithm.generate(RANDOM);
        X509Certificate good = certificate(issuer, algorithm);
        assertThat(SignatureChecks.issuerSignatureVerifies(good, issuer.getPublic())).isTrue();
        byte[] der = Certificates.der(good);
        der[der.length - 3] ^= 0x01;
        assertThat(SignatureChecks.issuerSignatureVerifies(Certificates.parse(der), issuer.getPublic())).isFalse();
    }

    @Test
    void p256SignatureDoesNotVerifyWithAP384Key() {
        KeyPair issuer = KeyAlgorithm.EC_P256.generate(RANDOM);
        X509Certificate certificate = certificate(issuer, KeyAlgorithm.EC_P256);
        assertThat(SignatureChecks.issuerSignatureVerifies(certificate, KeyAlgorithm.EC_P384.generate(RANDOM).getPublic())).isFalse();
    }

    @Test
    void ecdsaCertificateDoesNotVerifyWithAnRsaKey() {
        X509Certificate certificate = certificate(KeyAlgorithm.EC_P256.generate(RANDOM), KeyAlgorithm.EC_P256);
        assertThat(SignatureChecks.issuerSignatureVerifies(certificate, KeyAlgorithm.RSA_2048.generate(RANDOM).getPublic())).isFalse();
    }

    private static X509Certificate certificate(KeyPair issuer, KeyAlgorithm algorithm) {
        try {
            Date now = new Date();
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Issuer"), BigInteger.valueOf(RANDOM.nextLong() >>> 1),
                    now, new Date(now.getTime() + 86_400_000L), new X500Name("CN=Subject"), KeyAlgorithm.EC_P256.generate(RANDOM).getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm.signatureAlgorithm()).build(issuer.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
