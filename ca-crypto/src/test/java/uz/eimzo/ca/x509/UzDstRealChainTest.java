package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPublicKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.security.SignatureException;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real E-IMZO root (2016) and issuing CA (2018) verify through the JDK with our provider. */
class UzDstRealChainTest {

    static byte[] resource(String name) {
        try (InputStream in = UzDstRealChainTest.class.getResourceAsStream("/eimzo-real-chain/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate root() {
        return Certificates.parse(resource("root-2016.der"));
    }

    static X509Certificate issuing() {
        return Certificates.parse(resource("ca-2018.der"));
    }

    @Test
    void realRootPublicKeyIsReadAsAnOzDstKey() {
        X509Certificate root = root();
        assertThat(root.getPublicKey()).isInstanceOf(UzDstPublicKey.class);
        assertThat(((UzDstPublicKey) root.getPublicKey()).keyOid()).isEqualTo(UzDst.KEY_OID);
        assertThat(root.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
    }

    @Test
    void realRootSelfSignatureVerifies() throws Exception {
        X509Certificate root = root();
        root.verify(root.getPublicKey());
    }

    @Test
    void realIssuingCaVerifiesUnderRealRoot() throws Exception {
        issuing().verify(root().getPublicKey());
    }

    @Test
    void realIssuingCaDoesNotVerifyUnderItsOwnKey() {
        X509Certificate issuing = issuing();
        assertThatThrownBy(() -> issuing.verify(issuing.getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void realIssuingCaWithOneFlippedSignatureBitFails() {
        byte[] der = resource("ca-2018.der");
        der[der.length - 10] ^= 0x01;
        X509Certificate tampered = Certificates.parse(der);
        assertThatThrownBy(() -> tampered.verify(root().getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void realRootWithOneFlippedTbsBitFails() {
        byte[] der = resource("root-2016.der");
        der[300] ^= 0x01; // inside the validity's notAfter UTCTime, still a parseable certificate
        X509Certificate tampered = Certificates.parse(der);
        assertThatThrownBy(() -> tampered.verify(root().getPublicKey())).isInstanceOf(SignatureException.class);
    }

    @Test
    void realChainValidatesWithTheJdkPkixValidator() throws Exception {
        var factory = java.security.cert.CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(java.util.List.of(issuing()));
        var params = new java.security.cert.PKIXParameters(java.util.Set.of(new java.security.cert.TrustAnchor(root(), null)));
        params.setRevocationEnabled(false);
        params.setDate(java.util.Date.from(java.time.Instant.parse("2020-01-01T00:00:00Z")));
        var result = java.security.cert.CertPathValidator.getInstance("PKIX").validate(path, params);
        assertThat(((java.security.cert.PKIXCertPathValidatorResult) result).getPublicKey()).isInstanceOf(UzDstPublicKey.class);
    }

    @Test
    void realChainVerifiesWithTheIndependentLightweightVerifier() {
        assertThat(GostIndependentVerifier.certificateVerifies(root(), root())).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(issuing(), root())).isTrue();
    }

    @Test
    void realKeyReEncodesToTheSameBytes() throws Exception {
        X509Certificate root = root();
        byte[] spki = org.bouncycastle.asn1.x509.Certificate.getInstance(resource("root-2016.der"))
                .getSubjectPublicKeyInfo().getEncoded();
        assertThat(root.getPublicKey().getEncoded()).isEqualTo(spki);
    }
}
