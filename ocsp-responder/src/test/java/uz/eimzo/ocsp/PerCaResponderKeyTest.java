package uz.eimzo.ocsp;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ocsp.signing.DelegatedSigners;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One responder, no key-algorithm setting, serving a GOST-UZ hierarchy and an ECDSA hierarchy: each CA's answers
 * are signed in that CA's own algorithm, so openssl verifies the ECDSA CA's and Bouncy Castle the GOST-UZ CA's.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerCaResponderKeyTest {

    static final String UZ_SIGNATURE = "1.2.860.3.15.1.1.2.2.2.2";

    RunningResponder responder;
    CertificateAuthority ecRoot;
    CertificateAuthority ecIssuing;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, KeyAlgorithm.GOST_UZ, Duration.ofDays(7));
        var authorities = responder.ca.services.authorities();
        ecRoot = authorities.createRoot("ec-root", TestCa.caName("E-IMZO Test ECDSA Root CA"), KeyAlgorithm.EC_P256,
                Period.ofYears(20), new CaKeyStore(responder.ca.storage), "ceremony");
        ecIssuing = authorities.createIssuing("ec-root", "ec-issuing", TestCa.caName("E-IMZO Test ECDSA Issuing CA"),
                KeyAlgorithm.EC_P256, Period.ofYears(10), new CaKeyStore(responder.ca.storage), "ceremony");
        DelegatedSigners signers = responder.context.getBean(DelegatedSigners.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (signers.forCa(ecIssuing.id()).isEmpty() && System.nanoTime() < deadline) {
            responder.caSide.issuePending("ocsp-test");
            RunningResponder.sleep(100);
        }
        assertThat(signers.forCa(ecIssuing.id())).as("the ECDSA CA's delegated signer").isPresent();
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void theGostCaIsAnsweredWithAGostSignatureThatVerifiesIndependently() throws Exception {
        IssuedCertificate leaf = responder.issue(TestCa.individual(), "individual");
        BasicOCSPResp basic = ask(responder.ca.issuing.certificate(), leaf.serial());
        assertThat(basic.getSignatureAlgOID().getId()).isEqualTo(UZ_SIGNATURE);
        X509Certificate signer = Certificates.parse(basic.getCerts()[0].getEncoded());
        assertThat(KeyAlgorithm.of(signer.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(GostIndependentVerifier.verify(basic.getTBSResponseData(), basic.getSignature(),
                SubjectPublicKeyInfo.getInstance(signer.getPublicKey().getEncoded()))).isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(signer, responder.ca.issuing.certificate())).isTrue();
    }

    @Test
    void theEcdsaCaIsAnsweredWithAnEcdsaSignatureOpensslVerifies() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate leaf = responder.ca.services.issuer().issue(new EndEntityRequest("ec-issuing", "individual",
                new uz.eimzo.ca.profile.Subject("Ergasheva", "Madina", null, TestCa.pinfl("133", "054"), null,
                        "Toshkent shahri", "Shayxontohur tumani", null, null), key.getPublic(), "registrar", RegistrationIds.NONE));
        Path chain = responder.pem("ec-chain.pem", ecIssuing.certificate(), ecRoot.certificate());
        Path issuer = responder.pem("ec-issuing.pem", ecIssuing.certificate());
        Path leafPem = responder.pem("ec-leaf.pem", leaf.certificate());
        Path response = responder.directory.resolve("ec-response.der");
        var result = RunningResponder.run(List.of("openssl", "ocsp", "-url", responder.url(), "-CAfile", chain.toString(),
                "-issuer", issuer.toString(), "-cert", leafPem.toString(), "-respout", response.toString()));
        assertThat(result.output()).contains("Response verify OK").contains(leafPem + ": good");
        var text = RunningResponder.run(List.of("openssl", "ocsp", "-respin", response.toString(), "-resp_text", "-noverify"));
        assertThat(text.output()).contains("Signature Algorithm: ecdsa-with-SHA256");
    }

    private BasicOCSPResp ask(X509Certificate issuerCertificate, BigInteger serial) throws Exception {
        X509CertificateHolder issuer = new X509CertificateHolder(Certificates.der(issuerCertificate));
        CertificateID id = new CertificateID(new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build()
                .get(CertificateID.HASH_SHA1), issuer, serial);
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(responder.url()))
                        .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) ocsp.getResponseObject();
    }
}
