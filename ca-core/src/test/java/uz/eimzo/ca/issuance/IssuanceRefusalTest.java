package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.identity.InvalidIdentityException;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.profile.CertificateProfile;
import uz.eimzo.ca.profile.ProfileException;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.MalformedInputException;
import uz.eimzo.ca.x509.TestCsrs;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Period;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every bad request gets a precise refusal and leaves no certificate row behind. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuanceRefusalTest {

    TestCa ca;
    DataSource dataSource;
    int rowsBefore;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        this.dataSource = dataSource;
        ca = TestCa.create(dataSource, keys);
    }

    @BeforeEach
    void countRows() {
        rowsBefore = rows();
    }

    private int rows() {
        return ca.jdbc.sql("select count(*) from certificate").query(Integer.class).single();
    }

    private IssuedCertificate fromCsr(byte[] csr) {
        return ca.services.issuer().issueFromCsr(TestCa.ISSUING, "individual", List.of(), TestCa.individual(), csr, "registrar", RegistrationIds.NONE);
    }

    private void assertNothingWritten() {
        assertThat(rows()).isEqualTo(rowsBefore);
    }

    @Test
    void garbageCsrIsRefusedAsMalformed() {
        assertThatThrownBy(() -> fromCsr("this is not a certificate request".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("Not a PKCS#10");
        assertNothingWritten();
    }

    @Test
    void emptyCsrIsRefused() {
        assertThatThrownBy(() -> fromCsr(new byte[0])).hasMessageContaining("empty");
        assertNothingWritten();
    }

    @Test
    void csrWithBrokenPemIsRefused() {
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\n%%%not base64%%%\n-----END CERTIFICATE REQUEST-----\n";
        assertThatThrownBy(() -> fromCsr(pem.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(MalformedInputException.class);
        assertNothingWritten();
    }

    @Test
    void csrSignedByAnotherKeyIsRefusedForLackOfProofOfPossession() {
        byte[] csr = TestCsrs.csrSignedByAnotherKey(TestCsrs.ec("secp256r1"), TestCsrs.ec("secp256r1"));
        assertThatThrownBy(() -> fromCsr(csr)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("proof of possession");
        assertNothingWritten();
    }

    @Test
    void csrWithAFlippedSignatureBitIsRefused() {
        byte[] csr = TestCsrs.csr(TestCsrs.ec("secp256r1"), "SHA256withECDSA");
        csr[csr.length - 5] ^= 0x01;
        assertThatThrownBy(() -> fromCsr(csr)).isInstanceOf(MalformedInputException.class);
        assertNothingWritten();
    }

    @Test
    void rsa1024KeyIsRefusedNamingTheKey() {
        byte[] csr = TestCsrs.csr(TestCsrs.rsa(1024), "SHA256withRSA");
        assertThatThrownBy(() -> fromCsr(csr)).isInstanceOf(IssuanceException.class)
                .hasMessageContaining("RSA-1024").hasMessageContaining("not accepted");
        assertNothingWritten();
    }

    @Test
    void curveOutsideTheProfileIsRefused() {
        byte[] csr = TestCsrs.csr(TestCsrs.ec("secp521r1"), "SHA512withECDSA");
        assertThatThrownBy(() -> fromCsr(csr)).isInstanceOf(IssuanceException.class).hasMessageContaining("not accepted");
        assertNothingWritten();
    }

    @Test
    void unknownProfileIsRefused() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "no-such-profile",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOf(ProfileException.class).hasMessage("Unknown certificate profile: no-such-profile");
        assertNothingWritten();
    }

    @Test
    void unknownCaIsRefused() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest("no-such-ca", "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)))
                .hasMessage("Unknown CA: no-such-ca");
        assertNothingWritten();
    }

    @Test
    void missingPinflIsRefused() {
        assertThatThrownBy(() -> new Subject("Toshmatov", "Alisher", null, null, null, null, null, null, null))
                .isInstanceOf(ProfileException.class).hasMessage("PINFL is required");
    }

    @Test
    void pinflWithWrongCheckDigitNeverBecomesASubject() {
        assertThatThrownBy(() -> new uz.eimzo.ca.identity.Pinfl("31503901230459"))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("check digit");
    }

    @Test
    void profileLongerThan24MonthsCannotBeDefined() {
        assertThatThrownBy(() -> new CertificateProfile("too-long", ApplicantType.INDIVIDUAL, Period.ofMonths(25),
                Set.of(KeyAlgorithm.EC_P256), KeyAlgorithm.EC_P256, Set.of(KeyUsageBit.DIGITAL_SIGNATURE), List.of(), List.of()))
                .isInstanceOf(ProfileException.class).hasMessageContaining("exceeds the legal maximum of 24 months");
        assertThatThrownBy(() -> new CertificateProfile("too-long", ApplicantType.INDIVIDUAL, Period.of(2, 0, 1),
                Set.of(KeyAlgorithm.EC_P256), KeyAlgorithm.EC_P256, Set.of(KeyUsageBit.DIGITAL_SIGNATURE), List.of(), List.of()))
                .isInstanceOf(ProfileException.class);
    }

    @Test
    void legalEntityProfileWithoutOrganisationIsRefused() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "legal-entity",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("organisation's STIR");
        assertNothingWritten();
    }

    @Test
    void publicKeyOfALiveCertificateIsNotCertifiedTwice() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var first = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE));
        int afterFirst = rows();
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOf(IssuanceException.class).hasMessageContaining("already backs a live certificate")
                .hasMessageContaining(first.serial().toString(16));
        assertThat(rows()).isEqualTo(afterFirst);
    }

    @Test
    void keyLeftPendingByACrashedNodeIsCertifiedOnceThePendingRowIsStale() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var first = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE));
        // What a node killed between recording and storing leaves behind: the row PENDING, no certificate.
        ca.jdbc.sql("update certificate set status = 'PENDING', der = null, sha256 = null, issued_at = null "
                + "where serial = ?").param(new java.math.BigDecimal(first.serial())).update();
        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE)))
                .hasMessageContaining("already backs a live certificate");

        var tenMinutesLater = uz.eimzo.ca.CaServices.create(dataSource, new uz.eimzo.ca.signing.CaSigner(java.util.List.of(ca.storage)),
                TestCa.profiles(), new uz.eimzo.ca.authority.PublicationUrls(TestCa.RESPONDER_BASE),
                java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(10)));
        var second = tenMinutesLater.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                key.getPublic(), "registrar", RegistrationIds.NONE));

        assertThat(second.serial()).isNotEqualTo(first.serial());
    }

    @Test
    void refusalsAreAudited() {
        byte[] csr = TestCsrs.csr(TestCsrs.rsa(1024), "SHA256withRSA");
        assertThatThrownBy(() -> fromCsr(csr)).isInstanceOf(IssuanceException.class);
        String outcome = ca.jdbc.sql("select outcome || ' ' || (details->>'code') from audit_event order by id desc limit 1")
                .query(String.class).single();
        assertThat(outcome).isEqualTo("FAILURE key.notAllowed");
    }
}
