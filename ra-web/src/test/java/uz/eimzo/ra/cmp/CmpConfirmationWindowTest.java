package uz.eimzo.ra.cmp;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A certificate whose certConf never came within the confirmation window (15 minutes by default) was not accepted by
 * its client and is revoked by the clustered job (RFC 9483 4.1, RFC 4210 5.3.18); confirmed and implicitly confirmed
 * ones stay good. Time is moved by handing the job a clock 16 minutes ahead.
 */
class CmpConfirmationWindowTest extends RaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;
    @Autowired
    CaSigner signer;
    @Autowired
    Scheduler scheduler;

    Applicants applicants;
    CmpServer server;
    OverdueConfirmations sixteenMinutesLater;

    @BeforeEach
    void server() {
        applicants = new Applicants(operators, registrations, codes);
        server = new CmpServer(ca, registrations, codes, signer.cmpProtection(), "demo-issuing", CmpSettings.defaults(),
                Clock.systemUTC());
        sixteenMinutesLater = new OverdueConfirmations(ca, Duration.ofMinutes(15),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));
    }

    private EnrollmentCodes.Code code() {
        return applicants.code(applicants.submitted(Operators.pinfl()));
    }

    private String statusOf(X509Certificate certificate) {
        return jdbc.sql("select status from certificate where serial = ?").param(new BigDecimal(certificate.getSerialNumber()))
                .query(String.class).single();
    }

    @Test
    void aCertificateNeverConfirmedIsRevokedWhenTheWindowCloses() throws Exception {
        EnrollmentCodes.Code code = code();
        X509Certificate issued = CmpClient.issued(server.handle(CmpClient.ir(code.reference(), code.secret(),
                KeyAlgorithm.EC_P256.generate(RANDOM)), null));

        sixteenMinutesLater.revokeOverdue();

        assertThat(statusOf(issued)).isEqualTo("REVOKED");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'cmp.confirm.timeout' and target like ?")
                .param("%:" + issued.getSerialNumber().toString(16)).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCertificateNotYetDueStaysGood() throws Exception {
        EnrollmentCodes.Code code = code();
        X509Certificate issued = CmpClient.issued(server.handle(CmpClient.ir(code.reference(), code.secret(),
                KeyAlgorithm.EC_P256.generate(RANDOM)), null));

        new OverdueConfirmations(ca, Duration.ofMinutes(15), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(14))).revokeOverdue();

        assertThat(statusOf(issued)).isEqualTo("GOOD");
    }

    @Test
    void aConfirmedCertificateStaysGood() throws Exception {
        EnrollmentCodes.Code code = code();
        byte[] answer = server.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);
        server.handle(CmpClient.certConf(answer, code.reference(), code.secret()), null);

        sixteenMinutesLater.revokeOverdue();

        assertThat(statusOf(CmpClient.issued(answer))).isEqualTo("GOOD");
    }

    @Test
    void aLateCertConfIsRefusedWithBadTime() throws Exception {
        EnrollmentCodes.Code code = code();
        byte[] answer = server.handle(CmpClient.ir(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);
        CmpServer later = new CmpServer(ca, registrations, codes, signer.cmpProtection(), "demo-issuing", CmpSettings.defaults(),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));

        byte[] confirmation = later.handle(CmpClient.certConf(answer, code.reference(), code.secret()), null);

        assertThat(CmpClient.failInfo(confirmation) & org.bouncycastle.asn1.cmp.PKIFailureInfo.badTime).isNotZero();
    }

    @Test
    void theJobRunsOnTheClusteredScheduler() throws Exception {
        assertThat(scheduler.checkExists(OverdueConfirmationJob.KEY)).isTrue();
    }
}
