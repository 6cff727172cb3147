package uz.eimzo.ra.cps;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ra.support.RaTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certification practice statement every certificate points to is a public page in the three languages, and
 * the policies issued certificates carry are the ones configured: here, legal-entity certificates get one policy of
 * the centre's own with its own CPS page, the other profiles the four real E-IMZO policies.
 */
@TestPropertySource(properties = {
        "eimzo.ca.cps-url=http://cps.example.uz/cps",
        "eimzo.ca.profile-policies.legal-entity[0].oid=1.2.860.3.2.2.1.2.3",
        "eimzo.ca.profile-policies.legal-entity[0].cps-uri=https://ca.example.uz/cps/legal",
        "eimzo.ca.profile-policies.legal-entity[0].notice=Faqat to‘lovlar uchun"})
class CpsPageTest extends RaTestBase {

    private HttpResponse<String> getWithoutSession(String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void cpsIsPublicInUzbekByDefault() throws Exception {
        HttpResponse<String> page = getWithoutSession("/cps");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sertifikatlashtirish amaliyoti").contains("lang=\"uz\"");
    }

    @Test
    void cpsIsPublicInRussianAndEnglish() throws Exception {
        HttpResponse<String> ru = getWithoutSession("/cps?lang=ru");
        assertThat(ru.statusCode()).isEqualTo(200);
        assertThat(ru.body()).contains("Регламент");
        HttpResponse<String> en = getWithoutSession("/cps?lang=en");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("Certification practice statement");
    }

    @Test
    void cpsStatesThePolicyOidsTheCaAndWhereStatusIsPublished() throws Exception {
        String page = getWithoutSession("/cps?lang=en").body();
        assertThat(page).contains("1.2.860.3.2.2.1.2.1", "1.2.860.3.2.2.1.2.4", "Faqat to‘lovlar uchun")
                .contains("demo-issuing")
                .contains("http://localhost:8081/ocsp", "http://localhost:8081/crl/demo-issuing.crl")
                .contains("/self-service");
    }

    @Test
    void issuedCertificatesCarryTheConfiguredPoliciesAndCpsUri() {
        assertThat(policies(issue("individual", null))).containsExactly(
                "1.2.860.3.2.2.1.2.1 http://cps.example.uz/cps", "1.2.860.3.2.2.1.2.2 http://cps.example.uz/cps",
                "1.2.860.3.2.2.1.2.3 http://cps.example.uz/cps", "1.2.860.3.2.2.1.2.4 http://cps.example.uz/cps");
        assertThat(policies(issue("legal-entity", new Subject.Organisation(new uz.eimzo.ca.identity.Stir("301234567"),
                "\"Ipak Yo'li\" MCHJ", "mas'uliyati cheklangan jamiyat"))))
                .containsExactly("1.2.860.3.2.2.1.2.3 https://ca.example.uz/cps/legal");
    }

    private X509Certificate issue(String profile, Subject.Organisation organisation) {
        String first13 = "3150390" + "321" + "054";
        Subject subject = new Subject("Toshmatov", "Alisher", "Karimovich", new Pinfl(first13 + Pinfl.checkDigit(first13)),
                organisation == null ? null : new uz.eimzo.ca.identity.Stir("412345678"), "Toshkent shahri",
                "Yunusobod tumani", organisation, organisation == null ? null : "direktor");
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        return ca.issuer().issue(new EndEntityRequest("demo-issuing", profile, subject, key.getPublic(), "registrar",
                RegistrationIds.NONE)).certificate();
    }

    /** Each policy as "OID CPS-URI". */
    private static List<String> policies(X509Certificate certificate) {
        CertificatePolicies policies = CertificatePolicies.getInstance(
                ASN1OctetString.getInstance(certificate.getExtensionValue("2.5.29.32")).getOctets());
        return Arrays.stream(policies.getPolicyInformation()).map(CpsPageTest::describe).toList();
    }

    private static String describe(PolicyInformation info) {
        PolicyQualifierInfo cps = PolicyQualifierInfo.getInstance(info.getPolicyQualifiers().getObjectAt(0));
        return info.getPolicyIdentifier().getId() + " " + cps.getQualifier();
    }
}
