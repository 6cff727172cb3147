package uz.eimzo.ca.bench.ocsp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.bench.load.Workload.Verdict;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The check of each OCSP answer, on answers Bouncy Castle signs here. */
class OcspWorkloadTest {

    private static final BigInteger SERIAL = new BigInteger("1234567890123456789012345678901234567");

    private final KeyPair key;
    private final X509CertificateHolder certificate;
    private final DigestCalculator sha1;

    OcspWorkloadTest() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        key = generator.generateKeyPair();
        X500Name name = new X500Name("CN=test responder");
        certificate = new JcaX509v3CertificateBuilder(name, BigInteger.TWO, new Date(), new Date(System.currentTimeMillis() + 86_400_000),
                name, key.getPublic()).build(signer());
        sha1 = new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1);
    }

    @Test
    void aGoodAnswerToTheSerialAskedIsCountedGood() throws Exception {
        assertThat(judge(SERIAL, "good", answer(SERIAL, CertificateStatus.GOOD), true)).isEqualTo(Verdict.ok("good"));
    }

    @Test
    void theCheapReadingAgreesWithBouncyCastleOnRevokedAndUnknown() throws Exception {
        assertThat(judge(SERIAL, "revoked", answer(SERIAL, new RevokedStatus(new Date(), 1)), true))
                .isEqualTo(Verdict.ok("revoked"));
        assertThat(judge(SERIAL, "unknown", answer(SERIAL, new UnknownStatus()), true)).isEqualTo(Verdict.ok("unknown"));
    }

    @Test
    void anAnswerOtherThanTheStatusTheCertificateHasIsAFailure() throws Exception {
        assertThat(judge(SERIAL, "good", answer(SERIAL, new RevokedStatus(new Date(), 1)), false))
                .isEqualTo(Verdict.failed("revoked, expected good"));
    }

    @Test
    void anAnswerAboutAnotherSerialIsAFailure() throws Exception {
        assertThat(judge(SERIAL, null, answer(SERIAL.add(BigInteger.ONE), CertificateStatus.GOOD), false))
                .isEqualTo(Verdict.failed("another serial's answer"));
    }

    @Test
    void tryLaterIsAFailureCountedUnderItsName() throws Exception {
        byte[] tryLater = new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded();
        assertThat(judge(SERIAL, null, tryLater, true)).isEqualTo(Verdict.failed("tryLater"));
    }

    private Verdict judge(BigInteger serial, String expected, byte[] answer, boolean sampled) throws Exception {
        byte[] request = new OCSPReqBuilder().addRequest(new CertificateID(sha1, certificate, serial)).build().getEncoded();
        OcspWorkload.Ask ask = OcspWorkload.ask(8080, "/ocsp", request, expected);
        return new OcspWorkload(List.of(ask)).judge(ask, answer, sampled);
    }

    private byte[] answer(BigInteger serial, CertificateStatus status) throws Exception {
        BasicOCSPRespBuilder basic = new BasicOCSPRespBuilder(new RespID(certificate.getSubject()));
        basic.addResponse(new CertificateID(sha1, certificate, serial), status, new Date(), (Date) null);
        return new OCSPRespBuilder().build(OCSPResp.SUCCESSFUL,
                basic.build(signer(), new X509CertificateHolder[]{certificate}, new Date())).getEncoded();
    }

    private ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate());
    }
}
