package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enrollment code's retry rule (docs/cmp-and-self-service.md): a refusal the applicant can fix (here a key that
 * already backs a live certificate) leaves the code usable; five such refusals spend it; a delivered certificate
 * consumes it.
 */
class CmpEnrollmentCodeRetryTest extends RaTestBase {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;
    @Autowired
    CaSigner signer;

    Applicants applicants;
    CmpServer server;

    @BeforeEach
    void server() {
        applicants = new Applicants(operators, registrations, codes);
        server = new CmpServer(ca, registrations, codes, signer.cmpProtection(), "demo-issuing", CmpSettings.defaults(),
                Clock.systemUTC());
    }

    /** A key that already backs someone's live certificate. */
    private KeyPair keyInUse() {
        KeyPair key = KeyAlgorithm.EC_P256.generate(RANDOM);
        registrations.issueEnrolled(applicants.submitted(Operators.pinfl()), key.getPublic(), "test");
        return key;
    }

    @Test
    void aP10crRefusedForAKeyInUseLeavesTheCodeForARetryWithANewKey() throws Exception {
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(Operators.pinfl()));

        byte[] refused = server.handle(CmpClient.p10cr(code.reference(), code.secret(), keyInUse()), null);
        assertThat(CmpClient.errorText(refused)).contains("already backs a live certificate").contains("4 more attempt");
        byte[] retried = server.handle(CmpClient.p10cr(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        assertThat(CmpClient.parse(retried).getBody().getType()).as(() -> CmpClient.errorText(retried)).isEqualTo(PKIBody.TYPE_CERT_REP);
    }

    @Test
    void aDeliveredCertificateConsumesTheCode() throws Exception {
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(Operators.pinfl()));
        server.handle(CmpClient.p10cr(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        byte[] again = server.handle(CmpClient.p10cr(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        assertThat(codes.find(code.reference())).isEmpty();
        assertThat(CmpClient.errorText(again)).contains("unknown, used or expired");
    }

    @Test
    void fiveRefusedAttemptsSpendTheCodeAndAreAudited() throws Exception {
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(Operators.pinfl()));
        KeyPair inUse = keyInUse();
        byte[] last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            last = server.handle(CmpClient.p10cr(code.reference(), code.secret(), inUse), null);
        }

        byte[] sixth = server.handle(CmpClient.p10cr(code.reference(), code.secret(), KeyAlgorithm.EC_P256.generate(RANDOM)), null);

        assertThat(CmpClient.errorText(last)).contains("now spent");
        assertThat(CmpClient.errorText(sixth)).contains("unknown, used or expired");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'enrollment.code.exhausted' and target = ?")
                .param("enrollment:" + code.reference()).query(Integer.class).single()).isEqualTo(1);
    }
}
