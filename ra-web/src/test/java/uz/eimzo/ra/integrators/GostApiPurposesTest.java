package uz.eimzo.ra.integrators;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.gost.GostChallenges;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.PolicyOids;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An integrator's chosen purposes under the default GOST-UZ CA: the certificate it gets back carries exactly the
 * policies chosen (in the profile's order), E-IMZO's extended key usages (which no purpose narrows), and the CA's
 * GOST-UZ signature.
 */
class GostApiPurposesTest extends GostRaTestBase {

    static final String CA = "demo-gost-issuing";
    static final String REPORTING = "1.2.860.3.2.2.1.2.1";
    static final String PAYMENTS = "1.2.860.3.2.2.1.2.3";
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";

    private static String individual(String purposes) {
        return """
                {"idempotencyKey": "%s", "submit": true, "purposes": %s, "applicant": {
                  "type": "INDIVIDUAL", "surname": "Rahimova", "givenName": "Nodira", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "ID_CARD", "documentNumber": "AD7654321", "phone": "+998901112233",
                  "representative": false}}""".formatted(UUID.randomUUID(), purposes, Operators.pinfl());
    }

    private static String csr(String pem) {
        return "{\"keyOption\": \"CSR\", \"csr\": \"" + pem.replace("\n", "\\n") + "\"}";
    }

    private static X509Certificate parsed(String pem) {
        return Certificates.parse(Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theCertificateCarriesExactlyTheChosenPoliciesAndIsGostUzSigned() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        Actor registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        HttpIntegrator portal = new HttpIntegrator(port,
                ApiTokensTest.made(mvc, admin, registrar.operatorId(), "gost-pp-" + UUID.randomUUID(), 30));
        HttpIntegrator.Answer created = portal.post("/api/requests",
                individual("[\"" + PAYMENTS + "\", \"" + REPORTING + "\"]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        HttpIntegrator.Answer issued = portal.post("/api/requests/" + created.json().path("id").asLong() + "/issue",
                csr(GostChallenges.csr(KeyAlgorithm.GOST_UZ.generate(new SecureRandom()))));

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.text("ca")).isEqualTo(CA);
        X509Certificate certificate = parsed(issued.text("certificate"));
        assertThat(PolicyOids.of(certificate)).containsExactly(REPORTING, PAYMENTS);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH, EMAIL_PROTECTION);
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        certificate.verify(ca.authoritiesDirectory().require(CA).certificate().getPublicKey());
    }
}
