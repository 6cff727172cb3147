package uz.eimzo.ra.cmp;

import org.bouncycastle.asn1.cmp.PKIBody;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.crmf.CertId;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every refusal of the CMP server is an error message with the PKIFailureInfo bit that names it, and changes nothing.
 * Requests are built with Bouncy Castle so each can be wrong in exactly one way; servers are made per test with the
 * default 60-day renewal window, or a wide one, or a clock two years ahead.
 */
class CmpRefusalsTest extends RaTestBase {

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

    private CmpServer server(Duration window, Clock clock) {
        return new CmpServer(ca, registrations, codes, signer.cmpProtection(), "demo-issuing",
                CmpSettings.renewalWindow(window), clock);
    }

    private CmpServer defaults() {
        return server(Duration.ofDays(60), Clock.systemUTC());
    }

    private CmpServer wideWindow() {
        return server(Duration.ofDays(400), Clock.systemUTC());
    }

    private record Holder(X509Certificate certificate, KeyPair key) {
    }

    /** A freshly issued one-year certificate and its key. */
    private Holder holder() {
        KeyPair key = KeyAlgorithm.EC_P256.generate(RANDOM);
        long request = applicants.submitted(Operators.pinfl());
        return new Holder(registrations.issueEnrolled(request, key.getPublic(), "test").certificate(), key);
    }

    private static KeyPair newKey() {
        return KeyAlgorithm.EC_P256.generate(RANDOM);
    }

    private String statusOf(X509Certificate certificate) {
        return jdbc.sql("select status from certificate where serial = ?").param(new BigDecimal(certificate.getSerialNumber()))
                .query(String.class).single();
    }

    private long certificatesOf(X509Certificate certificate) {
        return jdbc.sql("select count(*) from certificate where pinfl = (select pinfl from certificate where serial = ?)")
                .param(new BigDecimal(certificate.getSerialNumber())).query(Long.class).single();
    }

    private static boolean has(int failInfo, int bit) {
        return (failInfo & bit) != 0;
    }

    @Test
    void irWithAWrongMacIsRefusedWithBadMessageCheck() throws Exception {
        long request = applicants.submitted(Operators.pinfl());
        EnrollmentCodes.Code code = applicants.code(request);

        byte[] answer = defaults().handle(CmpClient.ir(code.reference(), "NOT-THE-SECRET", newKey()), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.badMessageCheck)).isTrue();
        assertThat(codes.find(code.reference())).as("the code is not spent by a failed attempt").isPresent();
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and outcome = 'FAILURE' and action = 'cmp.body0'")
                .param("cmp:" + code.reference()).query(Integer.class).single()).as("the refusal is audited").isEqualTo(1);
    }

    @Test
    void irWithAnUnknownReferenceIsRefusedWithBadMessageCheck() throws Exception {
        byte[] answer = defaults().handle(CmpClient.ir("REF-NOSUCH00", "whatever", newKey()), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.badMessageCheck)).isTrue();
    }

    @Test
    void irWithACorrectMacIssuesTheCertificate() throws Exception {
        EnrollmentCodes.Code code = applicants.code(applicants.submitted(Operators.pinfl()));
        KeyPair key = newKey();

        byte[] answer = defaults().handle(CmpClient.ir(code.reference(), code.secret(), key), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_INIT_REP);
        assertThat(CmpClient.issued(answer).getPublicKey()).isEqualTo(key.getPublic());
    }

    @Test
    void kurOutsideTheRenewalWindowIsRefusedWithNotAuthorized() throws Exception {
        Holder current = holder();

        byte[] answer = defaults().handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), newKey(), null, null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.notAuthorized)).isTrue();
        assertThat(CmpClient.errorText(answer)).contains("Renewal opens 60 days before expiry");
        assertThat(certificatesOf(current.certificate())).isEqualTo(1);
    }

    @Test
    void kurInsideTheWindowIssuesTheSameIdentityWithTheNewKey() throws Exception {
        Holder current = holder();
        KeyPair next = newKey();

        byte[] answer = wideWindow().handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), next, null, null), null);

        X509Certificate renewed = CmpClient.issued(answer);
        assertThat(renewed.getPublicKey()).isEqualTo(next.getPublic());
        assertThat(renewed.getSubjectX500Principal()).isEqualTo(current.certificate().getSubjectX500Principal());
    }

    @Test
    void kurWithAnExpiredCertificateIsRefusedWithSignerNotTrusted() throws Exception {
        Holder current = holder();
        Clock twoYearsLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(730));

        byte[] answer = server(Duration.ofDays(60), twoYearsLater)
                .handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), newKey(), null, null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.signerNotTrusted)).isTrue();
        assertThat(CmpClient.errorText(answer)).contains("expired");
    }

    @Test
    void kurWithARevokedCertificateIsRefusedWithCertRevoked() throws Exception {
        Holder current = holder();
        ca.revocations().revoke("demo-issuing", current.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE, null, "test");

        byte[] answer = wideWindow().handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), newKey(), null, null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.certRevoked)).isTrue();
        assertThat(certificatesOf(current.certificate())).isEqualTo(1);
    }

    @Test
    void kurWithASuspendedCertificateIsRefusedWithCertRevoked() throws Exception {
        Holder current = holder();
        ca.revocations().suspend("demo-issuing", current.certificate().getSerialNumber(), "test");

        byte[] answer = wideWindow().handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), newKey(), null, null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.certRevoked)).isTrue();
        assertThat(CmpClient.errorText(answer)).contains("suspended");
    }

    @Test
    void kurSignedWithAnotherKeyIsRefusedWithBadMessageCheck() throws Exception {
        Holder current = holder();

        byte[] answer = wideWindow().handle(CmpClient.kur(current.certificate(), newKey().getPrivate(), newKey(), null, null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.badMessageCheck)).isTrue();
        assertThat(certificatesOf(current.certificate())).isEqualTo(1);
    }

    @Test
    void kurWithACertificateThisCaDidNotIssueIsRefusedWithSignerNotTrusted() throws Exception {
        Holder current = holder();
        KeyPair impostor = newKey();
        X509Certificate forged = CmpClient.forged(current.certificate(), impostor);

        byte[] answer = wideWindow().handle(CmpClient.kur(forged, impostor.getPrivate(), newKey(), null, null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.signerNotTrusted)).isTrue();
    }

    @Test
    void kurAskingForAnotherSubjectIsRefusedWithBadCertTemplate() throws Exception {
        Holder current = holder();

        byte[] answer = wideWindow().handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), newKey(),
                new X500Name("CN=SOMEONE ELSE,C=UZ"), null), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.badCertTemplate)).isTrue();
    }

    @Test
    void kurNamingAnotherOldCertificateIsRefusedWithBadCertId() throws Exception {
        Holder current = holder();
        Holder other = holder();
        CertId otherId = new CertId(new GeneralName(X500Name.getInstance(other.certificate().getIssuerX500Principal().getEncoded())),
                other.certificate().getSerialNumber());

        byte[] answer = wideWindow().handle(CmpClient.kur(current.certificate(), current.key().getPrivate(), newKey(), null, otherId), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.badCertId)).isTrue();
    }

    @Test
    void rrSignedByAnotherCertificateIsRefusedWithNotAuthorized() throws Exception {
        Holder victim = holder();
        Holder attacker = holder();

        byte[] answer = defaults().handle(CmpClient.rr(victim.certificate(), attacker.certificate(), attacker.key().getPrivate()), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.notAuthorized)).isTrue();
        assertThat(statusOf(victim.certificate())).isEqualTo("GOOD");
    }

    @Test
    void rrOfARevokedCertificateIsRefusedWithCertRevoked() throws Exception {
        Holder current = holder();
        ca.revocations().revoke("demo-issuing", current.certificate().getSerialNumber(), RevocationReason.SUPERSEDED, null, "test");

        byte[] answer = defaults().handle(CmpClient.rr(current.certificate(), current.certificate(), current.key().getPrivate()), null);

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.certRevoked)).isTrue();
    }

    @Test
    void rrSignedByTheCertificateItselfRevokesIt() throws Exception {
        Holder current = holder();

        byte[] answer = defaults().handle(CmpClient.rr(current.certificate(), current.certificate(), current.key().getPrivate()), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_REVOCATION_REP);
        assertThat(statusOf(current.certificate())).isEqualTo("REVOKED");
    }

    @Test
    void genmForCaCertificatesAnswersTheIssuingChain() throws Exception {
        byte[] answer = defaults().handle(CmpClient.genmCaCerts(), null);

        assertThat(CmpClient.parse(answer).getBody().getType()).isEqualTo(PKIBody.TYPE_GEN_REP);
        assertThat(CmpClient.caCertCount(answer)).isEqualTo(2);
    }

    @Test
    void unknownPathLabelIsRefusedWithWrongAuthority() throws Exception {
        byte[] answer = defaults().handle(CmpClient.genmCaCerts(), "no-such-ca");

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.wrongAuthority)).isTrue();
    }

    @Test
    void garbageIsAnsweredWithABadDataFormatErrorOverHttp() throws Exception {
        byte[] answer = mvc.perform(post("/.well-known/cmp").contentType("application/pkixcmp").content(new byte[]{1, 2, 3}))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pkixcmp"))
                .andReturn().getResponse().getContentAsByteArray();

        assertThat(has(CmpClient.failInfo(answer), PKIFailureInfo.badDataFormat)).isTrue();
    }
}
