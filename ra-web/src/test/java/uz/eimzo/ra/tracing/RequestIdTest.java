package uz.eimzo.ra.tracing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.ObservedRaTestBase;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.StructuredLogging;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Every request has an id: in the response, in every JSON log line it causes and in the audit rows it writes. */
@ExtendWith(OutputCaptureExtension.class)
class RequestIdTest extends ObservedRaTestBase {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void databaseBack() throws Exception {
        allowConnections(true);
    }

    @Test
    void aWellFormedIncomingRequestIdIsKeptAndEchoed() throws Exception {
        HttpResponse<String> response = fetch("/login", "X-Request-Id", "lb-7f3a.42:abc_DEF");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.42:abc_DEF");
    }

    @Test
    void aRequestWithoutIdGetsAFreshOne() throws Exception {
        String first = fetch("/login").headers().firstValue("X-Request-Id").orElseThrow();
        String second = fetch("/login").headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(first).matches(UUID);
        assertThat(second).matches(UUID).isNotEqualTo(first);
    }

    @Test
    void maliciousRequestIdsAreReplacedNotCopied() throws Exception {
        List<String> malicious = List.of("abc\n{\"level\":\"ERROR\",\"message\":\"forged\"}", "abc\r\nSet-Cookie: x=1",
                "x".repeat(10 * 1024), "id with spaces", "<script>", "");
        for (String header : malicious) {
            String answered = mvc.perform(get("/login").header("X-Request-Id", header)).andReturn().getResponse()
                    .getHeader("X-Request-Id");
            assertThat(answered).as("answer to %.40s", header).matches(UUID);
        }
    }

    @Test
    void logLinesOfARequestAreJsonAndCarryItsId(CapturedOutput output) throws Exception {
        HttpResponse<String> response;
        try (var structured = StructuredLogging.on(context.getEnvironment())) {
            allowConnections(false);
            // The CA certificate download reads the database: without it, a 503 and a warning in the log.
            response = fetch("/ca/demo-issuing.crt", "X-Request-Id", "outage-request-1");
            allowConnections(true);
        }

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("outage-request-1");
        List<JsonNode> lines = jsonLines(output.getOut());
        assertThat(lines).as("ECS JSON log lines").isNotEmpty();
        JsonNode warning = lines.stream().filter(l -> l.path("message").asString().contains("Database unavailable while serving"))
                .findFirst().orElseThrow(() -> new AssertionError("no outage warning in " + output.getOut()));
        assertThat(warning.path("requestId").asString()).isEqualTo("outage-request-1");
        assertThat(warning.path("log").path("level").asString()).isEqualTo("WARN");
    }

    @Test
    void auditRowsWrittenByARequestCarryItsIdAndTheChainStillVerifies() throws Exception {
        Operators operators = new Operators(jdbc, context.getBean(uz.eimzo.ra.operator.OperatorDirectory.class),
                context.getBean(org.springframework.security.crypto.password.PasswordEncoder.class));
        Actor actor = operators.operator(operators.centre(false), "right-password", Actor.Role.REGISTRAR);

        mvc.perform(post("/login").param("username", actor.username()).param("password", "wrong-password")
                .param("code", "000000").with(csrf()).header("X-Request-Id", "signin-audit-1"));

        String requestId = jdbc.sql("""
                        select details->>'requestId' from audit_event where actor = ? and action = 'operator.signIn'
                        order by id desc limit 1""")
                .param(actor.username()).query(String.class).single();
        assertThat(requestId).isEqualTo("signin-audit-1");
        assertThat(new AuditVerification(jdbc).verify().intact()).isTrue();
    }

    private List<JsonNode> jsonLines(String out) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
