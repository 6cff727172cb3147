package uz.eimzo.ra.integrators;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Administrators make, list and revoke integrators' API tokens on the administration pages. */
class ApiTokensTest extends RaTestBase {

    Actor admin;
    Actor portal;

    @BeforeEach
    void accounts() {
        long centre = operators.centre(false);
        admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        portal = operators.operator(centre, "p", Actor.Role.REGISTRAR);
    }

    /** Makes a token on the page; returns the token shown once. */
    static String made(MockMvc mvc, Actor admin, long operatorId, String name, int days) throws Exception {
        var flash = mvc.perform(post("/admin/api-tokens").param("operatorId", String.valueOf(operatorId))
                        .param("name", name).param("days", String.valueOf(days)).with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        return (String) flash.get("newToken");
    }

    private String listPage() throws Exception {
        return mvc.perform(get("/admin/api-tokens").with(Operators.as(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void aTokenIsShownOnceKeptOnlyAsItsHashAndWorksForItsOperator() throws Exception {
        String name = "portal-" + System.nanoTime();
        String token = made(mvc, admin, portal.operatorId(), name, 30);

        assertThat(token).startsWith("eimzo_").hasSizeGreaterThan(40);
        assertThat(jdbc.sql("select token_sha256 from api_token where name = ?").param(name).query(byte[].class).single())
                .isEqualTo(Certificates.sha256(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(listPage()).contains(name).contains(portal.username()).doesNotContain(token);
        assertThat(new HttpIntegrator(port, token).get("/api/requests").status()).isEqualTo(200);
    }

    @Test
    void theListSaysWhenATokenWasLastUsed() throws Exception {
        String name = "used-" + System.nanoTime();
        String token = made(mvc, admin, portal.operatorId(), name, 30);
        assertThat(jdbc.sql("select last_used_at from api_token where name = ?").param(name).query(Timestamp.class).optional()
                .orElse(null)).isNull();

        new HttpIntegrator(port, token).get("/api/requests");

        assertThat(jdbc.sql("select last_used_at from api_token where name = ?").param(name).query(Timestamp.class).single())
                .isNotNull();
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndBothStepsAreAudited() throws Exception {
        String name = "revoked-" + System.nanoTime();
        String token = made(mvc, admin, portal.operatorId(), name, 30);
        long id = jdbc.sql("select id from api_token where name = ?").param(name).query(Long.class).single();

        mvc.perform(post("/admin/api-tokens/" + id + "/revoke").with(Operators.as(admin)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(new HttpIntegrator(port, token).get("/api/requests").status()).isEqualTo(401);
        assertThat(jdbc.sql("select action from audit_event where target = ? order by id").param("apiToken:" + id)
                .query(String.class).list()).containsExactly("apiToken.create", "apiToken.revoke");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String name = "expired-" + System.nanoTime();
        String token = made(mvc, admin, portal.operatorId(), name, 1);
        jdbc.sql("update api_token set expires_at = ? where name = ?").params(Timestamp.from(Instant.now().minusSeconds(1)), name)
                .update();

        assertThat(new HttpIntegrator(port, token).get("/api/requests").status()).isEqualTo(401);
    }

    @Test
    void onlyAdministratorsMakeTokens() throws Exception {
        mvc.perform(post("/admin/api-tokens").param("operatorId", String.valueOf(portal.operatorId())).param("name", "x")
                .with(Operators.as(portal)).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void aTokenWithoutANameIsRefusedAndNothingIsMade() throws Exception {
        long before = jdbc.sql("select count(*) from api_token").query(Long.class).single();
        assertThat(made(mvc, admin, portal.operatorId(), "  ", 30)).isNull();
        assertThat(jdbc.sql("select count(*) from api_token").query(Long.class).single()).isEqualTo(before);
    }
}
