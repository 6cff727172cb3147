package uz.eimzo.ra.inputs;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Revocation reasons are RFC 5280's, by name or code, and only those that fit an end-entity certificate. */
class RevocationReasonsTest extends RaTestBase {

    Actor supervisor;
    Api registrarApi;
    Api supervisorApi;

    @BeforeEach
    void operators() {
        long centre = operators.centre(false);
        registrarApi = new Api(port, jdbc, operators.operator(centre, "p", Actor.Role.REGISTRAR));
        supervisor = operators.operator(centre, "p", Actor.Role.SUPERVISOR);
        supervisorApi = new Api(port, jdbc, supervisor);
    }

    private HttpResponse<String> revoke(String certificate, String reasonJson) throws Exception {
        return supervisorApi.post("/api/certificates/" + certificate + "/revoke", "{\"reason\": " + reasonJson + "}");
    }

    private Object[] stored(String certificate) {
        String serial = certificate.substring(certificate.indexOf('/') + 1);
        return jdbc.sql("select status, revocation_reason from certificate where serial = ?")
                .param(new BigDecimal(new BigInteger(serial, 16)))
                .query((rs, n) -> new Object[]{rs.getString(1), rs.getObject(2)}).single();
    }

    @Test
    void rfcNameIsAccepted() throws Exception {
        String certificate = registrarApi.issuedCertificate(supervisorApi);
        assertThat(revoke(certificate, "\"keyCompromise\"").statusCode()).isEqualTo(200);
        assertThat(stored(certificate)).containsExactly("REVOKED", 1);
    }

    @Test
    void numericCodeIsReadByRfc5280Numbering() throws Exception {
        String certificate = registrarApi.issuedCertificate(supervisorApi);
        assertThat(revoke(certificate, "10").statusCode()).isEqualTo(200);
        assertThat(stored(certificate)).containsExactly("REVOKED", 10);
    }

    @Test
    void unusedSevenRemoveFromCrlAndCaCompromiseAreRefusedAndChangeNothing() throws Exception {
        String certificate = registrarApi.issuedCertificate(supervisorApi);
        for (String reason : new String[]{"7", "8", "\"removeFromCRL\"", "2", "\"cACompromise\"", "11", "-1", "\"kompromat\"", "\"\""}) {
            HttpResponse<String> answer = revoke(certificate, reason);
            assertThat(answer.statusCode()).as(reason).isEqualTo(400);
            assertThat(answer.body()).as(reason).contains("\"error\":\"revocation.reason\"");
            assertThat(stored(certificate)).as(reason).containsExactly("GOOD", null);
        }
        assertThat(revoke(certificate, "8").body()).contains("reason").contains("1 keyCompromise").contains("10 aACompromise");
    }

    @Test
    void openApiDocumentListsTheAcceptedReasons() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/certificates/{caName}/{serial}/revoke'].post.description",
                        containsString("8 removeFromCRL is not a revocation reason")))
                .andExpect(jsonPath("$.components.schemas.Revocation.properties.reason.description",
                        containsString("1 keyCompromise")));
    }

    @Test
    void webFormRefusesRemoveFromCrlByCodeAndRevokesByName() throws Exception {
        String certificate = registrarApi.issuedCertificate(supervisorApi);
        mvc.perform(post("/certificates/" + certificate + "/revoke").param("reason", "8").param("confirm", "true")
                        .param("lang", "en").with(Operators.as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(certificate)).containsExactly("GOOD", null);

        mvc.perform(post("/certificates/" + certificate + "/revoke").param("reason", "CA_COMPROMISE").param("confirm", "true")
                        .with(Operators.as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(certificate)).containsExactly("GOOD", null);

        mvc.perform(post("/certificates/" + certificate + "/revoke").param("reason", "SUPERSEDED").param("confirm", "true")
                        .with(Operators.as(supervisor)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(certificate)).containsExactly("REVOKED", 4);
    }
}
