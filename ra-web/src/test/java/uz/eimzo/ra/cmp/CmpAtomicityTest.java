package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CMP is atomic from the client's view: when the CA cannot sign its answer (a failing HSM, injected here), the client
 * gets a CMP error, never an HTTP error, and nothing it was told failed has happened: an rr revokes nothing, a kur
 * leaves no valid new certificate behind (the one made is revoked, and the undo audited).
 */
class CmpAtomicityTest extends RaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A CA key that cannot sign: the HSM is gone. */
    private static final AnswerSigner BROKEN_HSM = authority -> new ContentSigner() {
        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public byte[] getSignature() {
            throw new KeyUnavailableException("the token was removed");
        }
    };

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

    Applicants applicants;
    CmpServer broken;

    @BeforeEach
    void brokenServer() {
        applicants = new Applicants(operators, registrations, codes);
        broken = new CmpServer(ca, registrations, codes, BROKEN_HSM, "demo-issuing",
                CmpSettings.renewalWindow(Duration.ofDays(400)), Clock.systemUTC());
    }

    private record Holder(X509Certificate certificate, KeyPair key) {
    }

    private Holder holder() {
        KeyPair key = KeyAlgorithm.EC_P256.generate(RANDOM);
        long request = applicants.submitted(Operators.pinfl());
        return new Holder(registrations.issueEnrolled(request, key.getPublic(), "test").certificate(), key);
    }

    private String statusOf(X509Certificate certificate) {
        return jdbc.sql("select status from certificate where serial = ?").param(new BigDecimal(certificate.getSerialNumber()))
                .query(String.class).single();
    }

    private long goodCertificatesOf(X509Certificate certificate) {
        return jdbc.sql("""
                        select count(*) from certificate where status = 'GOOD'
                            and pinfl = (select pinfl from certificate where serial = ?)""")
                .param(new BigDecimal(certificate.getSerialNumber())).query(Long.class).single();
    }

    @Test
    void rrWhoseAnswerCannotBeSignedRevokesNothing() throws Exception {
        Holder current = holder();

        byte[] answer = broken.handle(CmpClient.rr(current.certificate(), current.certificate(), current.key().getPrivate()), null);

        assertThat(CmpClient.failInfo(answer) & PKIFailureInfo.systemFailure).isNotZero();
        assertThat(statusOf(current.certificate())).isEqualTo("GOOD");
    }

    @Test
    void kurWhoseAnswerCannotBeSignedLeavesNoValidNewCertificate() throws Exception {
        Holder current = holder();

        byte[] answer = broken.handle(CmpClient.kur(current.certificate(), current.key().getPrivate(),
                KeyAlgorithm.EC_P256.generate(RANDOM), null, null), null);

        assertThat(CmpClient.failInfo(answer) & PKIFailureInfo.systemFailure).isNotZero();
        assertThat(CmpClient.errorText(answer)).contains("was revoked");
        assertThat(goodCertificatesOf(current.certificate())).as("only the current certificate is valid").isEqualTo(1);
        assertThat(statusOf(current.certificate())).isEqualTo("GOOD");
        String newSerial = jdbc.sql("""
                        select serial from certificate where pinfl = (select pinfl from certificate where serial = ?) and serial <> ?""")
                .params(new BigDecimal(current.certificate().getSerialNumber()), new BigDecimal(current.certificate().getSerialNumber()))
                .query(BigDecimal.class).single().toBigInteger().toString(16);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'cmp.answer.undelivered' and target like ?")
                .param("%:" + newSerial).query(Integer.class).single()).as("the undo is audited").isEqualTo(1);
    }

    @Test
    void anAnswerThatCannotBeSignedIsStillACmpErrorOverHttp() throws Exception {
        Holder current = holder();

        byte[] answer = broken.handle(CmpClient.rr(current.certificate(), current.certificate(), current.key().getPrivate()), null);

        assertThat(CmpClient.parse(answer).getProtection()).as("unprotected, as RFC 9483 3.6.4 allows").isNull();
        assertThat(CmpClient.errorText(answer)).contains("nothing was changed");
    }
}
