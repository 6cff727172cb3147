package uz.eimzo.ra.integrators;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An integrator chooses what the certificate is for as the registrar's form does: the chosen purposes are the
 * request's and are answered back; an empty choice or an OID the profile does not offer is a 400 naming the field,
 * and nothing is registered; no choice at all keeps every purpose of the profile.
 */
class ApiPurposesTest extends RaTestBase {

    static final String REPORTING = "1.2.860.3.2.2.1.2.1";
    static final String PAYMENTS = "1.2.860.3.2.2.1.2.3";

    HttpIntegrator portal;

    @BeforeEach
    void token() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        Actor registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        portal = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, registrar.operatorId(), "pp-" + UUID.randomUUID(), 30));
    }

    private static String individual(String pinfl, String purposes) {
        return """
                {"idempotencyKey": "%s", "submit": true, %s "applicant": {
                  "type": "INDIVIDUAL", "surname": "Rahimova", "givenName": "Nodira", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "ID_CARD", "documentNumber": "AD7654321", "phone": "+998901112233",
                  "representative": false}}""".formatted(UUID.randomUUID(), purposes == null ? "" : "\"purposes\": " + purposes + ",", pinfl);
    }

    private List<String> purposesOf(HttpIntegrator.Answer answer) {
        List<String> purposes = new ArrayList<>();
        answer.json().path("purposes").forEach(p -> purposes.add(p.asString()));
        return purposes;
    }

    private int requestsOf(String pinfl) {
        return jdbc.sql("select count(*) from certificate_request r join applicant a on a.id = r.applicant_id where a.pinfl = ?")
                .param(pinfl).query(Integer.class).single();
    }

    @Test
    void theChosenPurposesAreTheRequestsAndAnsweredBack() throws Exception {
        HttpIntegrator.Answer created = portal.post("/api/requests",
                individual(Operators.pinfl(), "[\"" + REPORTING + "\", \"" + PAYMENTS + "\"]"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(purposesOf(created)).containsExactlyInAnyOrder(REPORTING, PAYMENTS);
        assertThat(purposesOf(portal.get("/api/requests/" + created.json().path("id").asLong())))
                .containsExactlyInAnyOrder(REPORTING, PAYMENTS);
    }

    @Test
    void anOidTheProfileDoesNotOfferIsA400NamingPurposesAndRegistersNothing() throws Exception {
        String pinfl = Operators.pinfl();
        HttpIntegrator.Answer refused = portal.post("/api/requests", individual(pinfl, "[\"1.2.3.4\"]"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("fields").get(0).path("field").asString()).isEqualTo("purposes");
        assertThat(requestsOf(pinfl)).isZero();
    }

    @Test
    void anEmptyChoiceIsA400NamingPurposes() throws Exception {
        HttpIntegrator.Answer refused = portal.post("/api/requests", individual(Operators.pinfl(), "[]"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("fields").get(0).path("field").asString()).isEqualTo("purposes");
    }

    @Test
    void noChoiceKeepsEveryPurposeOfTheProfile() throws Exception {
        HttpIntegrator.Answer created = portal.post("/api/requests", individual(Operators.pinfl(), null));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(purposesOf(created)).isEmpty();
    }
}
