package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.GostCsrs;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ca.x509.OtherCurveCsrs;
import uz.eimzo.ca.gost.UzDstPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;

import javax.sql.DataSource;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A GOST-UZ hierarchy: root and issuing CA with O'z DSt 1092 keys in a PKCS#12 file, certifying GOST-UZ
 * subscriber keys. Every signature is checked by Bouncy Castle's lightweight signer on the raw TBS, not by
 * the provider that made it.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostUzHierarchyTest {

    TestCa ca;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys, KeyAlgorithm.GOST_UZ, Clock.systemUTC(),
                TestCa.profiles(EnumSet.of(KeyAlgorithm.GOST_UZ), KeyAlgorithm.GOST_UZ));
    }

    @Test
    void rootIsSelfSignedWithTheUzbekSignatureAlgorithm() {
        X509Certificate root = ca.root.certificate();
        assertThat(root.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        assertThat(KeyAlgorithm.of(root.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(GostIndependentVerifier.certificateVerifies(root, root)).isTrue();
    }

    @Test
    void issuingCaIsSignedByTheRoot() {
        assertThat(ca.issuing.keyAlgorithm()).isEqualTo(KeyAlgorithm.GOST_UZ);
        assertThat(GostIndependentVerifier.certificateVerifies(ca.issuing.certificate(), ca.root.certificate())).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(ca.issuing.certificate(), ca.issuing.certificate())).isFalse();
    }

    @Test
    void subscriberCertificateFromAGostRequestIsSignedByTheIssuingCa() {
        var pair = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        byte[] csr = GostCsrs.request(pair, "CN=TOSHMATOV ALISHER,C=UZ");
        IssuedCertificate issued = ca.services.issuer().issueFromCsr(TestCa.ISSUING, "individual", List.of(), TestCa.individual(),
                csr, "registrar", RegistrationIds.NONE);
        X509Certificate certificate = issued.certificate();
        assertThat(certificate.getPublicKey()).isEqualTo(pair.getPublic());
        assertThat(GostIndependentVerifier.certificateVerifies(certificate, ca.issuing.certificate())).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(certificate, ca.root.certificate())).isFalse();
    }

    @Test
    void serverGeneratedGostKeyIsDeliveredInAPkcs12FileThatSignsForItsCertificate() throws Exception {
        KeyBundle bundle = ca.services.issuer().issueWithServerKey(TestCa.ISSUING, "individual", List.of(),
                subjectForServerKey(), "registrar", RegistrationIds.NONE);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bundle.pkcs12()), bundle.password());
        String alias = store.aliases().nextElement();
        PrivateKey key = (PrivateKey) store.getKey(alias, bundle.password());
        assertThat(key).isInstanceOf(UzDstPrivateKey.class);
        assertThat(store.getCertificateChain(alias)).hasSize(3);

        byte[] document = "shartnoma".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(KeyAlgorithm.GOST_UZ.signatureAlgorithm());
        signer.initSign(key);
        signer.update(document);
        byte[] signature = signer.sign();
        assertThat(GostIndependentVerifier.verify(document, signature,
                bundle.issued().certificate().getPublicKey().getEncoded())).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(bundle.issued().certificate(), ca.issuing.certificate())).isTrue();
    }

    /**
     * An ID card's key on the CryptoPro-B curve (2009 parameter set .2): certified by our set-A CA, the certificate
     * keeps the holder's key and parameter set, and the CA's signature verifies independently.
     */
    @Test
    void aRequestOnACurveBKeyIsCertifiedKeepingItsParameterSet() throws Exception {
        var pair = OtherCurveCsrs.generate(OtherCurveCsrs.curve("B"));
        byte[] csr = OtherCurveCsrs.request(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.2", pair, UzDst.SIGNATURE_OID);

        X509Certificate certificate = ca.services.issuer().issueFromCsr(TestCa.ISSUING, "individual", List.of(),
                subjectOnCurveB(), csr, "registrar", RegistrationIds.NONE).certificate();

        assertThat(((UzDstPublicKey) certificate.getPublicKey()).parameterSetOid()).isEqualTo("1.2.860.3.15.1.1.2.1.2");
        assertThat(SubjectPublicKeyInfo.getInstance(certificate.getPublicKey().getEncoded())).isEqualTo(
                OtherCurveCsrs.spki(UzDst.KEY_OID, "1.2.860.3.15.1.1.2.1.2", ((ECPublicKeyParameters) pair.getPublic()).getQ()));
        assertThat(GostIndependentVerifier.certificateVerifies(certificate, ca.issuing.certificate())).isTrue();
    }

    private static uz.eimzo.ca.profile.Subject subjectOnCurveB() {
        return new uz.eimzo.ca.profile.Subject("Rahimova", "Nodira", null, TestCa.pinfl("126", "048"), null,
                "Toshkent shahri", "Shayxontohur tumani", null, null);
    }

    @Test
    void profileAcceptingOnlyGostRefusesAnEcKey() {
        var ec = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), ec.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOfSatisfying(IssuanceException.class, e -> assertThat(e.code()).isEqualTo("key.notAllowed"));
    }

    private static uz.eimzo.ca.profile.Subject subjectForServerKey() {
        // A different person from the CSR test: one key per subject is enforced by the ledger.
        return new uz.eimzo.ca.profile.Subject("Yusupova", "Malika", null, TestCa.pinfl("125", "047"), null,
                "Toshkent shahri", "Mirzo Ulug'bek tumani", null, null);
    }
}
