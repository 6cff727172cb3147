package uz.eimzo.ca.signing;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIHeader;
import org.bouncycastle.asn1.cmp.PKIHeaderBuilder;
import org.bouncycastle.asn1.cmp.ProtectedPart;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.fixtures.FaultyKeyStorage;
import uz.eimzo.ca.fixtures.ForwardingKeyStorage;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.CertificateContent;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CrlEncoder;
import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.LintedTbs;
import uz.eimzo.ca.x509.Linter;
import uz.eimzo.ca.x509.SignatureChecks;
import uz.eimzo.ca.x509.TbsCertificate;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signing module signs only what each purpose is: a recorded certificate (a root by the very key it certifies), a
 * CRL of that CA, an audit checkpoint statement, a CMP answer naming that CA as sender; anything else is refused
 * before the key is used. Every signature is in the CA key's own
 * algorithm (here GOST-UZ, the ecosystem's) and is checked with the CA certificate before it is returned.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaSignerTest {

    TestCa ca;
    CountingKeyStorage counting;
    CaSigner signer;
    CaSigner faulty;

    @BeforeAll
    void createGostCa(DataSource dataSource, @TempDir Path directory) {
        ca = TestCa.create(dataSource, directory, KeyAlgorithm.GOST_UZ, Clock.systemUTC());
        counting = new CountingKeyStorage(ca.storage);
        signer = new CaSigner(List.of(counting));
        faulty = new CaSigner(List.of(new FaultyKeyStorage(ca.storage)));
    }

    @Test
    void aCrlOfTheCaIsSignedInItsGostUzAlgorithmAndVerifies() {
        String algorithm = signer.issuerKey(ca.issuing).signatureAlgorithm();
        byte[] tbs = crlTbs(ca.issuing, algorithm);

        byte[] der = signer.crl(ca.issuing, tbs);

        assertThat(algorithm).isEqualTo(KeyAlgorithm.GOST_UZ.signatureAlgorithm());
        assertThat(CrlEncoder.verifies(der, tbs, algorithm, ca.issuing.certificate().getPublicKey())).isTrue();
    }

    @Test
    void aCrlNamingAnotherCaOrAnythingButATbsCertListIsRefusedUnsigned() {
        String algorithm = signer.issuerKey(ca.issuing).signatureAlgorithm();
        int signed = counting.signatures.get();

        assertThatThrownBy(() -> signer.crl(ca.issuing, crlTbs(ca.root, algorithm)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of CA");
        assertThatThrownBy(() -> signer.crl(ca.issuing, checkpointStatement()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TBSCertList");
        assertThat(counting.signatures.get()).isEqualTo(signed);
    }

    @Test
    void aCheckpointStatementIsSignedAndVerifiesWithTheCaCertificate() throws Exception {
        byte[] statement = checkpointStatement();

        CaSigner.CheckpointSignature signed = signer.checkpoint(ca.issuing, statement);

        assertThat(signed.algorithm()).isEqualTo(KeyAlgorithm.GOST_UZ.signatureAlgorithm());
        Signature verifier = Signature.getInstance(signed.algorithm());
        verifier.initVerify(ca.issuing.certificate().getPublicKey());
        verifier.update(statement);
        assertThat(verifier.verify(signed.signature())).isTrue();
    }

    @Test
    void bytesThatAreNoCheckpointStatementAreRefusedUnsigned() {
        int signed = counting.signatures.get();
        byte[] crl = crlTbs(ca.issuing, KeyAlgorithm.GOST_UZ.signatureAlgorithm());

        assertThatThrownBy(() -> signer.checkpoint(ca.issuing, crl)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.checkpoint(ca.issuing,
                CaSigner.CHECKPOINT_HEADER.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IllegalArgumentException.class);
        assertThat(counting.signatures.get()).isEqualTo(signed);
    }

    @Test
    void aCheckpointSignatureThatDoesNotVerifyIsNeverReturned() {
        assertThatThrownBy(() -> faulty.checkpoint(ca.issuing, checkpointStatement()))
                .isInstanceOf(SignatureNotVerified.class);
    }

    @Test
    void aCmpAnswerOfTheCaIsProtectedInItsGostUzAlgorithmAndVerifies() throws Exception {
        ContentSigner protection = signer.cmpProtection().signerFor(ca.issuing);
        byte[] part = protectedPart(ca.issuing, protection);

        protection.getOutputStream().write(part);
        byte[] signature = protection.getSignature();

        assertThat(protection.getAlgorithmIdentifier().getEncoded(ASN1Encoding.DER))
                .isEqualTo(Certificates.signatureAlgorithmIdentifier(KeyAlgorithm.GOST_UZ.signatureAlgorithm()));
        Signature verifier = Signature.getInstance(KeyAlgorithm.GOST_UZ.signatureAlgorithm());
        verifier.initVerify(ca.issuing.certificate().getPublicKey());
        verifier.update(part);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aCmpAnswerClaimingAnotherSenderOrNoCmpAtAllIsRefusedUnsigned() throws Exception {
        int signed = counting.signatures.get();
        ContentSigner asRoot = signer.cmpProtection().signerFor(ca.issuing);
        asRoot.getOutputStream().write(protectedPart(ca.root, asRoot));
        ContentSigner anything = signer.cmpProtection().signerFor(ca.issuing);
        anything.getOutputStream().write(checkpointStatement());

        assertThatThrownBy(asRoot::getSignature).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a CMP answer of CA " + TestCa.ISSUING);
        assertThatThrownBy(anything::getSignature).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProtectedPart");
        assertThat(counting.signatures.get()).isEqualTo(signed);
    }

    @Test
    void aCmpProtectionThatDoesNotVerifyIsNeverReturned() throws Exception {
        ContentSigner protection = faulty.cmpProtection().signerFor(ca.issuing);
        protection.getOutputStream().write(protectedPart(ca.issuing, protection));

        assertThatThrownBy(protection::getSignature).isInstanceOf(SignatureNotVerified.class);
    }

    @Test
    void theProbeFindsAUsableKeyAMissingOneAndOneThatSignsWrongly() {
        assertThat(signer.keyProbe().problem(ca.issuing)).isEmpty();
        assertThat(new CaSigner(List.of()).keyProbe().problem(ca.issuing)).hasValueSatisfying(problem ->
                assertThat(problem).contains("No configured key storage"));
        assertThat(faulty.keyProbe().problem(ca.issuing)).hasValue("the key does not match the CA certificate");
    }

    @Test
    void aRootIsSelfSignedOnlyByTheNewKeyItCertifiesAndOnlyAfterItsRecordingReturned(@TempDir Path directory) {
        CaKeyStore store = new CaKeyStore(new Pkcs12KeyStorage(directory.resolve("roots.p12"), "pw".toCharArray()));
        NewCaKey key = store.generate(KeyAlgorithm.GOST_UZ);
        NewCaKey other = store.generate(KeyAlgorithm.GOST_UZ);
        LintedTbs linted = rootTbs(key);
        List<LintedTbs> recorded = new ArrayList<>();

        assertThatThrownBy(() -> signer.record(linted, null, tbs -> {
            throw new IllegalStateException("the audit database is down");
        })).hasMessage("the audit database is down");
        RecordedTbs root = signer.record(linted, null, recorded::add);

        assertThat(recorded).containsExactly(linted);
        assertThatThrownBy(() -> signer.selfSigned(root, other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.certificate(root)).isInstanceOf(IllegalArgumentException.class);
        X509Certificate certificate = signer.selfSigned(root, key);
        assertThat(certificate.getSigAlgName()).isEqualToIgnoringCase(KeyAlgorithm.GOST_UZ.signatureAlgorithm());
        assertThat(SignatureChecks.issuerSignatureVerifies(certificate, key.publicKey())).isTrue();
    }

    private static LintedTbs rootTbs(NewCaKey key) {
        Instant notBefore = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(Duration.ofDays(365));
        BigInteger serial = new BigInteger(120, new SecureRandom()).setBit(119);
        CertificateContent content = new CertificateContent(serial, TestCa.caName("Self-signed Root"), key.publicKey(),
                notBefore, notAfter,
                EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN),
                List.of(), List.of(), true, null, null, null, null);
        TbsCertificate tbs = TbsCertificate.build(content, null, key.publicKey(), key.signatureAlgorithm());
        return Linter.lint(tbs, new Linter.Rules(Duration.between(notBefore, notAfter), null,
                EnumSet.allOf(KeyAlgorithm.class)));
    }

    private static byte[] crlTbs(CertificateAuthority issuer, String algorithm) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new CrlEncoder(issuer.certificate()).tbs(BigInteger.ONE, null, now, now.plus(Duration.ofDays(1)),
                algorithm, null);
    }

    private static byte[] checkpointStatement() {
        return (CaSigner.CHECKPOINT_HEADER + "1\n2\n00\n00\n" + Instant.now()).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] protectedPart(CertificateAuthority sender, ContentSigner protection) throws IOException {
        PKIHeader header = new PKIHeaderBuilder(PKIHeader.CMP_2000,
                new GeneralName(X500Name.getInstance(sender.certificate().getSubjectX500Principal().getEncoded())),
                new GeneralName(new X500Name("CN=Client")))
                .setProtectionAlg(protection.getAlgorithmIdentifier()).build();
        return new ProtectedPart(header, new PKIBody(PKIBody.TYPE_CONFIRM, DERNull.INSTANCE)).getEncoded(ASN1Encoding.DER);
    }

    /** The real storage, counting the signatures its keys make. */
    static final class CountingKeyStorage extends ForwardingKeyStorage {
        final AtomicInteger signatures = new AtomicInteger();

        CountingKeyStorage(KeyStorage real) {
            super(real);
        }

        @Override
        protected byte[] sign(SigningKey key, byte[] data) {
            signatures.incrementAndGet();
            return key.sign(data);
        }
    }
}
