package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.SigningKey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A GOST-UZ CA's CRL: signed through {@link SigningKey} with the identifier {@link SignatureAlgorithms} gives
 * for the JCA name, as the CRL and OCSP code does for any CA key, and read back by the JDK.
 */
class UzDstCrlTest {

    @Test
    void crlSignedByAGostKeyVerifiesInTheJdkAndIndependently() throws Exception {
        SigningKey key = InMemorySigningKey.generate(KeyAlgorithm.GOST_UZ);
        var issuer = selfSigned(key);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                Date.from(Instant.parse("2026-01-01T00:00:00Z")));
        builder.setNextUpdate(Date.from(Instant.parse("2026-01-02T00:00:00Z")));
        builder.addCRLEntry(BigInteger.valueOf(0x1234), Date.from(Instant.parse("2025-12-31T00:00:00Z")), CRLReason.keyCompromise);
        byte[] der = builder.build(signer(key)).getEncoded();

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        assertThat(crl.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        crl.verify(issuer.getPublicKey());
        assertThat(GostIndependentVerifier.crlVerifies(crl, issuer)).isTrue();

        der[der.length - 1] ^= 0x01;
        X509CRL tampered = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        assertThatThrownBy(() -> tampered.verify(issuer.getPublicKey())).isInstanceOf(SignatureException.class);
    }

    private static java.security.cert.X509Certificate selfSigned(SigningKey key) {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        var content = new CertificateContent(new BigInteger("1234567890abcdef1234", 16),
                java.util.List.of(new DnAttribute(DnAttribute.CN, "GOST CRL test CA"), new DnAttribute(DnAttribute.C, "UZ")),
                key.publicKey(), now, now.plusSeconds(86400 * 365),
                java.util.EnumSet.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN), java.util.List.of(), java.util.List.of(),
                true, null, null, null, null);
        TbsCertificate tbs = TbsCertificate.build(content, null, key.publicKey(), key.signatureAlgorithm());
        return Certificates.assemble(tbs, key.sign(tbs.encoded()));
    }

    private static ContentSigner signer(SigningKey key) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return SignatureAlgorithms.identifier(key.signatureAlgorithm());
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                return key.sign(buffer.toByteArray());
            }
        };
    }
}
