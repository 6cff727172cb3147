package uz.eimzo.ca.issuance;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.PolicyQualifierId;
import org.bouncycastle.asn1.x509.UserNotice;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.CertificateProfile;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parses issued certificates back and checks every field the E-IMZO profiles promise. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuedCertificateContentsTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

    TestCa ca;
    X509Certificate individual;
    X509Certificate director;

    @BeforeAll
    void issue(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys, KeyAlgorithm.EC_P256, Clock.fixed(NOW, ZoneOffset.UTC));
        individual = issue("individual", TestCa.individual());
        director = issue("legal-entity", TestCa.director());
    }

    private X509Certificate issue(String profile, uz.eimzo.ca.profile.Subject subject) {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, profile, subject, key.getPublic(),
                "registrar", RegistrationIds.NONE)).certificate();
    }

    private static List<String[]> rdns(X509Certificate certificate) {
        return Arrays.stream(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs())
                .map(RDN::getFirst)
                .map(atv -> new String[]{atv.getType().getId(), atv.getValue().toString(), encoding(atv.getValue())})
                .toList();
    }

    private static String encoding(ASN1Encodable value) {
        return value instanceof DERUTF8String ? "UTF8" : value instanceof DERPrintableString ? "Printable" : value.getClass().getSimpleName();
    }

    @Test
    void individualSubjectFollowsTheEImzoLayoutInOrder() {
        String pinfl = TestCa.individual().pinfl().value();
        assertThat(rdns(individual)).extracting(r -> r[0] + "=" + r[1] + "/" + r[2]).containsExactly(
                DnAttribute.CN + "=TOSHMATOV ALISHER KARIMOVICH/UTF8",
                DnAttribute.NAME + "=Alisher/UTF8",
                DnAttribute.SURNAME + "=Toshmatov/UTF8",
                DnAttribute.L + "=Yunusobod tumani/UTF8",
                DnAttribute.ST + "=Toshkent shahri/UTF8",
                DnAttribute.C + "=UZ/Printable",
                DnAttribute.PINFL + "=" + pinfl + "/UTF8");
    }

    @Test
    void legalEntitySubjectCarriesOrganisationPositionAndCompanyStir() {
        assertThat(rdns(director)).extracting(r -> r[0] + "=" + r[1] + "/" + r[2]).containsExactly(
                DnAttribute.CN + "=KARIMOVA DILNOZA/UTF8",
                DnAttribute.NAME + "=Dilnoza/UTF8",
                DnAttribute.SURNAME + "=Karimova/UTF8",
                DnAttribute.O + "=\"Ipak Yo'li Savdo\" MCHJ/UTF8",
                DnAttribute.L + "=Chilonzor tumani/UTF8",
                DnAttribute.ST + "=Toshkent shahri/UTF8",
                DnAttribute.C + "=UZ/Printable",
                DnAttribute.UID + "=412345678/UTF8",
                DnAttribute.PINFL + "=" + TestCa.director().pinfl().value() + "/UTF8",
                DnAttribute.T + "=direktor/UTF8",
                DnAttribute.ORGANISATION_STIR + "=301234567/UTF8",
                DnAttribute.BUSINESS_CATEGORY + "=mas'uliyati cheklangan jamiyat/UTF8");
    }

    @Test
    void onlyLegalEntityCertificatesCarryTheOrganisationStir() {
        assertThat(rdns(individual)).noneMatch(r -> r[0].equals(DnAttribute.ORGANISATION_STIR));
        assertThat(rdns(director)).anyMatch(r -> r[0].equals(DnAttribute.ORGANISATION_STIR));
    }

    @Test
    void keyUsageIsCriticalWithTheBitsAnEcKeyMayCarry() {
        assertThat(individual.getCriticalExtensionOIDs()).contains("2.5.29.15");
        // digitalSignature, nonRepudiation, keyAgreement (RFC 5480; the other key types: KeyUsagePerKeyTypeTest)
        assertThat(Arrays.copyOf(individual.getKeyUsage(), 9)).containsExactly(true, true, false, false, true, false, false, false, false);
    }

    @Test
    void extendedKeyUsageIsCriticalClientAuthAndEmailProtection() throws Exception {
        assertThat(individual.getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(individual.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4");
    }

    @Test
    void certificatePoliciesAreCriticalWithCpsUriAndUserNotice() {
        assertThat(individual.getCriticalExtensionOIDs()).contains("2.5.29.32");
        CertificatePolicies policies = CertificatePolicies.getInstance(
                ASN1OctetString.getInstance(individual.getExtensionValue("2.5.29.32")).getOctets());
        assertThat(policies.getPolicyInformation()).hasSize(4);
        PolicyInformation first = policies.getPolicyInformation()[0];
        assertThat(policies.getPolicyInformation()).extracting(p -> p.getPolicyIdentifier().getId()).containsExactly(
                "1.2.860.3.2.2.1.2.1", "1.2.860.3.2.2.1.2.2", "1.2.860.3.2.2.1.2.3", "1.2.860.3.2.2.1.2.4");
        ASN1Sequence qualifiers = first.getPolicyQualifiers();
        PolicyQualifierInfo cps = PolicyQualifierInfo.getInstance(qualifiers.getObjectAt(0));
        PolicyQualifierInfo notice = PolicyQualifierInfo.getInstance(qualifiers.getObjectAt(1));
        assertThat(cps.getPolicyQualifierId()).isEqualTo(PolicyQualifierId.id_qt_cps);
        assertThat(cps.getQualifier().toString()).isEqualTo("http://localhost:8080/cps");
        assertThat(notice.getPolicyQualifierId()).isEqualTo(PolicyQualifierId.id_qt_unotice);
        assertThat(UserNotice.getInstance(notice.getQualifier()).getExplicitText().getString()).contains("e-reporting");
    }

    @Test
    void keyIdentifiersLinkTheLeafToItsIssuer() {
        assertThat(individual.getExtensionValue("2.5.29.14")).isNotNull();
        var aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(individual.getExtensionValue("2.5.29.35")).getOctets());
        assertThat(aki.getKeyIdentifier()).isEqualTo(Certificates.subjectKeyId(ca.issuing.certificate()));
        assertThat(individual.getIssuerX500Principal()).isEqualTo(ca.issuing.certificate().getSubjectX500Principal());
    }

    @Test
    void accessLocationsPointAtOurResponder() {
        var aia = org.bouncycastle.asn1.x509.AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(individual.getExtensionValue("1.3.6.1.5.5.7.1.1")).getOctets());
        assertThat(aia.getAccessDescriptions()).extracting(d -> d.getAccessMethod().getId() + " " + d.getAccessLocation().getName())
                .containsExactly("1.3.6.1.5.5.7.48.1 " + TestCa.RESPONDER_BASE + "/ocsp",
                        "1.3.6.1.5.5.7.48.2 " + TestCa.RESPONDER_BASE + "/ca/" + TestCa.ISSUING + ".crt");
        var crlDp = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                ASN1OctetString.getInstance(individual.getExtensionValue("2.5.29.31")).getOctets());
        assertThat(crlDp.getDistributionPoints()[0].getDistributionPoint().toString())
                .contains(TestCa.RESPONDER_BASE + "/crl/" + TestCa.ISSUING + ".crl");
    }

    @Test
    void endEntityCertificatesCarryNoBasicConstraints() {
        assertThat(individual.getExtensionValue("2.5.29.19")).isNull();
        assertThat(individual.getBasicConstraints()).isEqualTo(-1);
    }

    @Test
    void validityIsOneYearEndingOnTheAnniversaryAt235959TashkentTime() {
        assertThat(individual.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-25T10:15:30Z"));
        LocalDateTime end = LocalDateTime.ofInstant(individual.getNotAfter().toInstant(), CertificateProfile.TASHKENT);
        assertThat(end).isEqualTo(LocalDateTime.parse("2027-11-25T23:59:59"));
        assertThat(individual.getNotAfter().toInstant()).isEqualTo(Instant.parse("2027-11-25T18:59:59Z"));
    }

    @Test
    void serialNumbersArePositiveAndCarryAtLeast64Bits() {
        assertThat(individual.getSerialNumber().signum()).isPositive();
        assertThat(individual.getSerialNumber().bitLength()).isGreaterThanOrEqualTo(64);
        assertThat(individual.getSerialNumber()).isNotEqualTo(director.getSerialNumber());
    }

    @Test
    void certificateIsVersion3SignedByTheIssuingCa() throws Exception {
        assertThat(individual.getVersion()).isEqualTo(3);
        assertThat(individual.getSigAlgName()).isEqualTo("SHA256withECDSA");
        individual.verify(ca.issuing.certificate().getPublicKey());
    }

    @Test
    void storedCertificateIsByteForByteTheReturnedOne() {
        var stored = ca.services.certificates().find(ca.issuing.id(), individual.getSerialNumber()).orElseThrow();
        assertThat(Certificates.der(stored.certificate())).isEqualTo(Certificates.der(individual));
        assertThat(stored.pinfl()).isEqualTo(TestCa.individual().pinfl().value());
        assertThat(stored.profile()).isEqualTo("individual");
    }
}
