package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.CMPObjectIdentifiers;
import org.bouncycastle.asn1.cmp.PBMParameter;
import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIMessage;
import org.bouncycastle.asn1.crmf.CertReqMessages;
import org.bouncycastle.asn1.iana.IANAObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.cmp.ProtectedPKIMessageBuilder;
import org.bouncycastle.cert.crmf.CertificateRequestMessageBuilder;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client does not choose the server's work: a password-based MAC asking for more iterations than the bound is
 * refused before anything is computed, with badAlg (RFC 9483 3.5: unsupported protection algorithm parameters), and a
 * client whose protections keep failing is refused unread for a while, per sender and per address.
 */
class CmpBoundedWorkTest extends RaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;
    @Autowired
    CaSigner signer;

    Applicants applicants;

    @BeforeEach
    void applicants() {
        applicants = new Applicants(operators, registrations, codes);
    }

    private CmpServer server(CmpProperties properties) {
        return new CmpServer(ca, registrations, codes, signer.cmpProtection(), "demo-issuing", properties, Clock.systemUTC());
    }

    private EnrollmentCodes.Code code() {
        return applicants.code(applicants.submitted(Operators.pinfl()));
    }

    /**
     * An ir whose PBM parameters ask for {@code iterations}, with an arbitrary MAC value: building it costs the
     * sender nothing, which is the point.
     */
    private static byte[] irClaiming(String reference, int iterations) throws Exception {
        KeyPair key = KeyAlgorithm.EC_P256.generate(RANDOM);
        var request = new CertificateRequestMessageBuilder(BigInteger.ZERO)
                .setPublicKey(SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                .setSubject(new X500Name("CN=Applicant"))
                .setProofOfPossessionSigningKeySigner(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).build();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        AlgorithmIdentifier pbm = new AlgorithmIdentifier(CMPObjectIdentifiers.passwordBasedMac, new PBMParameter(
                new DEROctetString(salt), new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), new ASN1Integer(iterations),
                new AlgorithmIdentifier(IANAObjectIdentifiers.hmacSHA1)));
        MacCalculator claimed = new MacCalculator() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return pbm;
            }

            @Override
            public OutputStream getOutputStream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public byte[] getMac() {
                return new byte[20];
            }

            @Override
            public GenericKey getKey() {
                return new GenericKey(pbm, new byte[20]);
            }
        };
        byte[] transactionId = new byte[16];
        RANDOM.nextBytes(transactionId);
        return new ProtectedPKIMessageBuilder(new GeneralName(new X500Name("CN=Applicant")), new GeneralName(new X500Name("CN=E-IMZO CA")))
                .setTransactionID(transactionId).setSenderNonce(transactionId.clone()).setMessageTime(new Date())
                .setSenderKID(reference.getBytes(StandardCharsets.UTF_8))
                .setBody(new PKIBody(PKIBody.TYPE_INIT_REQ, new CertReqMessages(request.toASN1Structure())))
                .build(claimed).toASN1Structure().getEncoded();
    }

    @Test
    void tenMillionPbmIterationsAreRefusedWithBadAlgInMilliseconds() throws Exception {
        EnrollmentCodes.Code code = code();
        byte[] request = irClaiming(code.reference(), 10_000_000);
        CmpServer server = server(CmpSettings.defaults());
        server.handle(CmpClient.genmCaCerts(), null); // warm up: the first answer loads classes and the CA

        long started = System.nanoTime();
        byte[] answer = server.handle(request, null);
        long millis = (System.nanoTime() - started) / 1_000_000;

        int failInfo = CmpClient.failInfo(answer);
        assertThat(failInfo & PKIFailureInfo.badAlg).as("badAlg").isNotZero();
        assertThat(failInfo & PKIFailureInfo.badMessageCheck).as("badMessageCheck").isNotZero();
        assertThat(CmpClient.errorText(answer)).contains("10000000").contains("10000");
        assertThat(millis).as("refused before any MAC is computed").isLessThan(500);
        assertThat(codes.find(code.reference())).as("the code is untouched").isPresent();
    }

    @Test
    void openSslsDefaultOf500IterationsIsAccepted() throws Exception {
        EnrollmentCodes.Code code = code();

        byte[] answer = server(CmpSettings.defaults()).handle(CmpClient.enroll(PKIBody.TYPE_INIT_REQ, code.reference(),
                code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM), CmpClient.DEFAULT_ITERATIONS), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REP);
    }

    @Test
    void aSenderWhoseMacsKeepFailingIsRefusedUnreadEvenWithTheRightSecret() throws Exception {
        EnrollmentCodes.Code code = code();
        CmpServer server = server(CmpSettings.failedProtections(3));
        for (int i = 0; i < 3; i++) {
            byte[] wrong = server.handle(CmpClient.ir(code.reference(), "NOT-THE-SECRET", KeyAlgorithm.EC_P256.generate(RANDOM)), null);
            assertThat(CmpClient.failInfo(wrong) & PKIFailureInfo.badMessageCheck).isNotZero();
        }

        byte[] answer = server.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        assertThat(CmpClient.failInfo(answer) & PKIFailureInfo.notAuthorized).isNotZero();
        assertThat(CmpClient.errorText(answer)).contains("Too many");
        assertThat(codes.find(code.reference())).as("the code is not spent").isPresent();
    }

    @Test
    void anAddressWhoseProtectionsKeepFailingIsRefusedWhileOthersAreServed() throws Exception {
        CmpServer server = server(CmpSettings.failedProtections(3));
        for (int i = 0; i < 3; i++) {
            server.handle(CmpClient.ir("REF-GUESS00" + i, "guess", KeyAlgorithm.EC_P256.generate(RANDOM)), "demo-issuing", "203.0.113.7");
        }
        EnrollmentCodes.Code code = code();

        byte[] fromThatAddress = server.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)),
                "demo-issuing", "203.0.113.7");
        byte[] fromAnother = server.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)),
                "demo-issuing", "198.51.100.20");

        assertThat(CmpClient.failInfo(fromThatAddress) & PKIFailureInfo.notAuthorized).isNotZero();
        assertThat(CmpClient.parse(fromAnother).getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REP);
    }

    @Test
    void theIterationBoundIsASetting() throws Exception {
        EnrollmentCodes.Code code = code();
        CmpProperties d = CmpSettings.defaults();
        CmpServer strict = server(new CmpProperties(d.renewalWindow(), d.confirmWindow(), d.confirmationRound(), 400,
                d.enrollmentAttempts(), d.maxFailedProtections(), d.failedProtectionWindow()));

        byte[] answer = strict.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        assertThat(CmpClient.failInfo(answer) & PKIFailureInfo.badAlg).isNotZero();
        assertThat(PKIMessage.getInstance(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_ERROR);
    }
}
