package uz.eimzo.ra.integrators;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator manages the centre's API tokens through the API itself: lists them (never a secret), makes one (the
 * secret in that answer only) and revokes one, each audited and in OpenAPI. Other roles are refused, another centre's
 * tokens and accounts are not there, and a refused call changes nothing.
 */
class ApiTokensApiTest extends RaTestBase {

    Actor admin;
    Actor portal;
    HttpIntegrator asAdmin;
    HttpIntegrator asRegistrar;
    Actor otherAdmin;
    Actor otherPortal;

    @BeforeEach
    void twoCentres() throws Exception {
        long centre = operators.centre(false);
        admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        portal = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        asAdmin = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, admin.operatorId(), "admin-" + System.nanoTime(), 30));
        asRegistrar = new HttpIntegrator(port, ApiTokensTest.made(mvc, admin, portal.operatorId(), "reg-" + System.nanoTime(), 30));
        long elsewhere = operators.centre(false);
        otherAdmin = operators.operator(elsewhere, "p", Actor.Role.ADMINISTRATOR);
        otherPortal = operators.operator(elsewhere, "p", Actor.Role.REGISTRAR);
    }

    private static String body(String name, long operatorId, int days) {
        return "{\"name\": \"" + name + "\", \"operatorId\": " + operatorId + ", \"validityDays\": " + days + "}";
    }

    private long tokens() {
        return jdbc.sql("select count(*) from api_token").query(Long.class).single();
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit_event where action = ?").param(action).query(Long.class).single();
    }

    @Test
    void anAdministratorMakesATokenWhoseSecretIsInThatAnswerOnlyAndItWorks() throws Exception {
        String name = "portal-" + System.nanoTime();
        HttpIntegrator.Answer made = asAdmin.post("/api/tokens", body(name, portal.operatorId(), 30));

        assertThat(made.status()).isEqualTo(201);
        String secret = made.text("token");
        assertThat(secret).startsWith("eimzo_");
        assertThat(jdbc.sql("select token_sha256 from api_token where id = ?").param(made.json().path("id").asLong())
                .query(byte[].class).single()).isEqualTo(Certificates.sha256(secret.getBytes(StandardCharsets.UTF_8)));
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'apiToken.create' and target = ?")
                .param("apiToken:" + made.json().path("id").asLong()).query(Long.class).single()).isEqualTo(1);

        HttpIntegrator.Answer list = asAdmin.get("/api/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(name).contains(portal.username()).doesNotContain(secret);
        assertThat(new HttpIntegrator(port, secret).get("/api/requests").status()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenIsRefusedOnItsNextCallAndTheRevocationIsAudited() throws Exception {
        HttpIntegrator.Answer made = asAdmin.post("/api/tokens", body("gone-" + System.nanoTime(), portal.operatorId(), 0));
        long id = made.json().path("id").asLong();
        assertThat(made.json().path("expiresAt").isNull()).isTrue();

        HttpIntegrator.Answer revoked = asAdmin.post("/api/tokens/" + id + "/revoke", null);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        assertThat(new HttpIntegrator(port, made.text("token")).get("/api/requests").status()).isEqualTo(401);
        assertThat(jdbc.sql("select action from audit_event where target = ? order by id").param("apiToken:" + id)
                .query(String.class).list()).containsExactly("apiToken.create", "apiToken.revoke");
        assertThat(asAdmin.post("/api/tokens/" + id + "/revoke", null).status()).isEqualTo(409);
    }

    @Test
    void otherRolesAreRefusedAndNothingChanges() throws Exception {
        long before = tokens();
        long revokes = audits("apiToken.revoke");
        long id = asAdmin.post("/api/tokens", body("kept-" + System.nanoTime(), portal.operatorId(), 30)).json().path("id").asLong();

        assertThat(asRegistrar.get("/api/tokens").status()).isEqualTo(403);
        HttpIntegrator.Answer make = asRegistrar.post("/api/tokens", body("mine-" + System.nanoTime(), portal.operatorId(), 30));
        assertThat(make.status()).isEqualTo(403);
        assertThat(make.contentType()).contains("application/problem+json");
        assertThat(asRegistrar.post("/api/tokens/" + id + "/revoke", null).status()).isEqualTo(403);

        assertThat(tokens()).isEqualTo(before + 1);
        assertThat(audits("apiToken.revoke")).isEqualTo(revokes);
        assertThat(jdbc.sql("select revoked from api_token where id = ?").param(id).query(Boolean.class).single()).isFalse();
    }

    @Test
    void anotherCentresTokensAndAccountsAreNotThere() throws Exception {
        HttpIntegrator theirs = new HttpIntegrator(port,
                ApiTokensTest.made(mvc, otherAdmin, otherAdmin.operatorId(), "their-admin-" + System.nanoTime(), 30));
        String name = "ours-" + System.nanoTime();
        long id = asAdmin.post("/api/tokens", body(name, portal.operatorId(), 30)).json().path("id").asLong();
        long before = tokens();

        assertThat(theirs.get("/api/tokens").body()).doesNotContain(name);
        assertThat(theirs.post("/api/tokens/" + id + "/revoke", null).status()).isEqualTo(404);
        HttpIntegrator.Answer forOurs = theirs.post("/api/tokens", body("x-" + System.nanoTime(), portal.operatorId(), 30));
        assertThat(forOurs.status()).isEqualTo(400);
        assertThat(forOurs.json().path("fields").get(0).path("field").asString()).isEqualTo("operatorId");

        assertThat(tokens()).isEqualTo(before);
        assertThat(jdbc.sql("select revoked from api_token where id = ?").param(id).query(Boolean.class).single()).isFalse();
    }

    @Test
    void aMissingOrWrongFieldIsA400NamingItAndNothingIsMade() throws Exception {
        long before = tokens();
        for (var wrong : List.of(
                List.of("{\"operatorId\": " + portal.operatorId() + "}", "name"),
                List.of("{\"name\": \"n-" + System.nanoTime() + "\"}", "operatorId"),
                List.of(body("n-" + System.nanoTime(), portal.operatorId(), 731), "validityDays"),
                List.of(body("n-" + System.nanoTime(), portal.operatorId(), -1), "validityDays"),
                List.of(body("bad\\u202Ename", portal.operatorId(), 30), "name"))) {
            HttpIntegrator.Answer answer = asAdmin.post("/api/tokens", wrong.get(0));
            assertThat(answer.status()).as(wrong.get(0)).isEqualTo(400);
            assertThat(answer.json().path("fields").get(0).path("field").asString()).as(wrong.get(0)).isEqualTo(wrong.get(1));
        }
        assertThat(asAdmin.post("/api/tokens/abc/revoke", null).status()).isEqualTo(400);
        assertThat(tokens()).isEqualTo(before);
    }

    @Test
    void theTokenCallsAreInOpenApiWithTheBearerScheme() throws Exception {
        JsonNode docs = new HttpIntegrator(port, "none").get("/v3/api-docs").json();
        assertThat(docs.path("paths").has("/api/tokens")).isTrue();
        assertThat(docs.path("paths").path("/api/tokens").path("post").path("security").toString()).contains("apiToken");
        assertThat(docs.path("paths").has("/api/tokens/{id}/revoke")).isTrue();
    }
}
