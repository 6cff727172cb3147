package uz.eimzo.ra.requests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.RaApplication;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Scans waiting on the preview page are kept in PostgreSQL, not in one node's memory: a second RA node on the same
 * database (as after a restart, or behind a load balancer) shows and saves them, only to the operator who uploaded
 * them, and an expired preview is neither shown nor kept.
 */
class ScanPreviewsSharedTest extends RaTestBase {

    static final String PASSWORD = "ikkinchi-tugun-2026";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};
    static ConfigurableApplicationContext secondNode;

    Actor registrar;
    Actor colleague;
    long requestId;

    @BeforeEach
    void aRequest() throws Exception {
        long centre = operators.centre(false);
        registrar = operators.operator(centre, PASSWORD, Actor.Role.REGISTRAR);
        colleague = operators.operator(centre, PASSWORD, Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR);
        directory.confirmTotp(registrar.operatorId());
        directory.confirmTotp(colleague.operatorId());
        requestId = Long.parseLong(mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Nazarov")
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
    }

    /** Another RA application on this test's database, key and CA files: what a second node or a restart is. */
    private static String secondNode() {
        if (secondNode == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.config.name", RaApplication.CONFIG_NAME);
            properties.put("spring.datasource.url", DATABASE.url());
            properties.put("spring.datasource.username", DATABASE.user());
            properties.put("spring.datasource.password", DATABASE.password());
            properties.put("eimzo.ca.demo", "true");
            properties.put("eimzo.ra.issuing-ca", "demo-issuing");
            properties.put("eimzo.ca.pkcs12", DIRECTORY.resolve("demo-ca.p12").toString());
            properties.put("eimzo.ca.demo-credentials", DIRECTORY.resolve("demo-operators-node2.txt").toString());
            properties.put("eimzo.ra.personal-data-key", PERSONAL_DATA_KEY);
            properties.put("eimzo.ra.https-port", "-1");
            secondNode = new SpringApplicationBuilder(RaApplication.class).properties(properties)
                    .run("--server.port=0", "--management.server.port=0");
        }
        return "http://localhost:" + secondNode.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private SignedInBrowserlessClient onTheFirstNode(Actor actor) throws Exception {
        return SignedInBrowserlessClient.signIn("http://localhost:" + port, actor, PASSWORD, directory);
    }

    private String upload(SignedInBrowserlessClient first) throws Exception {
        HttpResponse<String> page = first.upload("/requests/" + requestId, "/requests/" + requestId + "/scans/preview",
                List.of(new SignedInBrowserlessClient.Part("files", "passport.png", "image/png", PNG)));
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("name=\"batch\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private int saved() {
        return jdbc.sql("select count(*) from document_scan where request_id = ?").param(requestId).query(Integer.class).single();
    }

    @Test
    void aPreviewMadeOnOneNodeIsShownAndSavedOnAnother() throws Exception {
        String batch = upload(onTheFirstNode(registrar));

        SignedInBrowserlessClient second = SignedInBrowserlessClient.signIn(secondNode(), registrar, PASSWORD, directory);
        HttpResponse<byte[]> shown = second.bytes("/requests/" + requestId + "/scans/preview/" + batch + "/0");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).isEqualTo(PNG);

        HttpResponse<String> saving = second.post("/requests/" + requestId, "/requests/" + requestId + "/scans/save",
                Map.of("batch", batch, "keep", "0", "kind0", "PASSPORT"));
        assertThat(saving.statusCode()).isEqualTo(302);
        assertThat(saved()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from scan_preview where batch = ?::uuid").param(batch).query(Integer.class).single())
                .as("a saved preview is gone").isZero();
    }

    @Test
    void anotherOperatorOfTheCentreCannotSeeOrSaveIt() throws Exception {
        String batch = upload(onTheFirstNode(registrar));

        SignedInBrowserlessClient other = onTheFirstNode(colleague);
        assertThat(other.bytes("/requests/" + requestId + "/scans/preview/" + batch + "/0").statusCode()).isEqualTo(404);
        other.post("/requests/" + requestId, "/requests/" + requestId + "/scans/save", Map.of("batch", batch, "keep", "0", "kind0", "PASSPORT"));

        assertThat(saved()).isZero();
        assertThat(jdbc.sql("select count(*) from scan_preview where batch = ?::uuid").param(batch).query(Integer.class).single())
                .as("still waiting for its own operator").isEqualTo(1);
    }

    @Test
    void theBytesAreSealedAtRest() throws Exception {
        String batch = upload(onTheFirstNode(registrar));

        byte[] stored = jdbc.sql("select content_enc from scan_preview where batch = ?::uuid").param(batch).query(byte[].class).single();
        assertThat(stored).isNotEqualTo(PNG);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("PNG");
    }

    @Test
    void anExpiredPreviewIsNotShownAndTheNextUploadDeletesIt() throws Exception {
        SignedInBrowserlessClient client = onTheFirstNode(registrar);
        String batch = upload(client);
        jdbc.sql("update scan_preview set expires_at = now() - interval '1 minute' where batch = ?::uuid").param(batch).update();

        assertThat(client.bytes("/requests/" + requestId + "/scans/preview/" + batch + "/0").statusCode()).isEqualTo(404);
        upload(client);

        assertThat(jdbc.sql("select count(*) from scan_preview where batch = ?::uuid").param(batch).query(Integer.class).single()).isZero();
    }
}
