package uz.eimzo.ra.myid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.IdentityVerification;
import uz.eimzo.ca.registration.IdentityVerification.Outcome;
import uz.eimzo.ca.registration.IdentityVerification.Status;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MyIdClient} against a local HTTP server that answers with the shapes public integrators' material shows for
 * MyID's SDK flow (the Rust crate {@code myid}: token at {@code /api/v1/auth/clients/access-token}, the session's state at
 * {@code GET /api/v1/sdk/sessions/{id}} with a list of attempts and a one-time {@code code}, the person at
 * {@code GET /api/v1/sdk/data?code=} with Cyrillic names and Latin {@code _en} fields). It is not the simulator: it
 * records what the client asked for and answers the documented shapes, nothing more.
 */
class MyIdClientTest {

    private static final String SESSION = "6a1e0c1c-4a4e-4d43-9a52-2f1d8c1f0b7e";
    private static final String CODE = "0b9a7c52-51a4-4bd1-9f11-6e3b1f0c2d33";
    private static final String TOKEN = "tok-5f4e3d";
    private static final String PASSPORT = "AD1122334";

    private HttpServer server;
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile String sessionAnswer;
    private volatile int dataStatus = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(method + " " + uri.getPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (method.equals("POST") && uri.getPath().equals("/api/v1/auth/clients/access-token")) {
                boolean known = body.contains("\"client_id\":\"ra\"") && body.contains("\"client_secret\":\"s3cret\"");
                send(exchange, known ? 200 : 401, known
                        ? "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":604800,\"token_type\":\"Bearer\"}"
                        : "{\"err\":\"invalid_client\"}");
            } else if (!("Bearer " + TOKEN).equals(auth)) {
                send(exchange, 401, "{\"err\":\"unauthorized\"}");
            } else if (method.equals("POST") && uri.getPath().equals("/api/v2/sdk/sessions")) {
                send(exchange, 200, "{\"session_id\":\"" + SESSION + "\"}");
            } else if (method.equals("GET") && uri.getPath().equals("/api/v1/sdk/sessions/" + SESSION)) {
                send(exchange, 200, sessionAnswer);
            } else if (method.equals("GET") && uri.getPath().equals("/api/v1/sdk/data") && ("code=" + CODE).equals(uri.getRawQuery())) {
                send(exchange, dataStatus, dataStatus == 200 ? personAnswer : "{\"err\":\"code_expired\"}");
            } else {
                send(exchange, 404, "{\"err\":\"not_found\"}");
            }
        }
    }

    /** The person's data as the public material shows it: Cyrillic names, Latin given name and surname in the _en fields. */
    private static final String PERSON = """
            {"data":{"comparison_value":0.93,"pass_data":"%s","job_id":"a1b2c3d4-0000-4000-8000-000000000002",
              "profile":{"common_data":{"first_name":"ҒУЛНОРА","first_name_en":"GULNORA","last_name":"ЎТКИРОВА",
                "last_name_en":"UTKIROVA","middle_name":"ШАВКАТ ҚИЗИ","pinfl":"41505900123456","gender":"2",
                "birth_place":"ТОШКЕНТ","birth_date":"1990-05-15","nationality":"ЎЗБЕК","citizenship":"ЎЗБЕКИСТОН",
                "sdk_hash":"h","last_update_pass_data":"2024-01-01","last_update_address":"2024-01-01"},
               "doc_data":{"pass_data":"%s","issued_by":"ТОШКЕНТ","issued_by_id":"1","issued_date":"2020-01-01",
                "expiry_date":"2030-01-01","doc_type":"ID","doc_type_id":"1","doc_type_id_cbu":"1"},
               "contacts":null,"address":null}},
             "reuid":{"expires_at":1722412345,"value":"9b7e597e-893e-4e11-92cf-f4e7d4f923b1"}}
            """.formatted(PASSPORT, PASSPORT);

    /** What the data call answers; a test may give the person other fields. */
    private volatile String personAnswer = PERSON;

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private MyIdClient client() {
        return new MyIdClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "ra", "s3cret",
                Duration.ofSeconds(2), Clock.systemUTC());
    }

    private static String attempt(String job, String reason, Integer code) {
        return "{\"job_id\":\"" + job + "\",\"timestamp\":\"2025-05-27T12:34:56Z\",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"reason_code\":" + code + "}";
    }

    @Test
    void aClosedSessionWithACodeFetchesThePersonSeparatelyAndReadsTheLatinNames() {
        sessionAnswer = "{\"status\":\"closed\",\"code\":\"" + CODE + "\",\"attempts\":["
                + attempt("a1b2c3d4-0000-4000-8000-000000000002", null, null) + "]}";
        MyIdClient client = client();

        String session = client.start(new IdentityVerification.Request("41505900123456", LocalDate.of(1990, 5, 15), 0.7));
        Outcome outcome = client.outcome(session);

        assertThat(asked).containsExactly("POST /api/v1/auth/clients/access-token", "POST /api/v2/sdk/sessions",
                "GET /api/v1/sdk/sessions/" + SESSION, "GET /api/v1/sdk/data?code=" + CODE);
        assertThat(outcome.status()).isEqualTo(Status.VERIFIED);
        assertThat(outcome.jobId()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000002");
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.person()).isEqualTo(new IdentityVerification.Person("UTKIROVA", "GULNORA", "SHAVKAT QIZI",
                "41505900123456", LocalDate.of(1990, 5, 15), 'F'));
    }

    @Test
    void aLatinPatronymicAndAGenderInWordsAreReadWhereMyIdGivesThem() {
        // A public integrator (PHP, "SDK New Flow") reads middle_name_en and gender as male/female as well as 1/2.
        personAnswer = PERSON.replace("\"gender\":\"2\"", "\"gender\":\"female\",\"middle_name_en\":\"SHAVKAT KIZI\"");
        sessionAnswer = "{\"status\":\"closed\",\"code\":\"" + CODE + "\",\"attempts\":[]}";

        Outcome outcome = client().outcome(SESSION);

        assertThat(outcome.person().patronymic()).isEqualTo("SHAVKAT KIZI");
        assertThat(outcome.person().sex()).isEqualTo('F');
    }

    @Test
    void aClosedSessionWithoutACodeIsARefusalWithTheLastAttemptsReason() {
        sessionAnswer = "{\"status\":\"closed\",\"code\":null,\"attempts\":["
                + attempt("a1b2c3d4-0000-4000-8000-000000000001", "face mismatch", 4) + ","
                + attempt("a1b2c3d4-0000-4000-8000-000000000003", "face mismatch", 4) + "]}";

        Outcome outcome = client().outcome(SESSION);

        assertThat(outcome.status()).isEqualTo(Status.REFUSED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.jobId()).isEqualTo("a1b2c3d4-0000-4000-8000-000000000003");
        assertThat(outcome.reasonCode()).isEqualTo("4: face mismatch");
        assertThat(outcome.person()).isNull();
        assertThat(asked).noneMatch(line -> line.contains("/api/v1/sdk/data"));
    }

    @Test
    void statusesAreReadInEitherCase() {
        sessionAnswer = "{\"status\":\"EXPIRED\",\"code\":null,\"attempts\":[]}";
        assertThat(client().outcome(SESSION).status()).isEqualTo(Status.EXPIRED);

        sessionAnswer = "{\"status\":\"in_progress\",\"code\":null,\"attempts\":[]}";
        Outcome pending = client().outcome(SESSION);
        assertThat(pending.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(pending.attempts()).isZero();
    }

    @Test
    void aCodeMyIdNoLongerAcceptsIsUnavailableAndTheMessageHoldsNoSecret() {
        sessionAnswer = "{\"status\":\"closed\",\"code\":\"" + CODE + "\",\"attempts\":[]}";
        dataStatus = 400;

        assertThatThrownBy(() -> client().outcome(SESSION)).isInstanceOf(IdentityVerification.Unavailable.class)
                .hasMessageContaining("400").hasMessageNotContaining(CODE).hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void wrongCredentialsAreUnavailableWithoutNamingTheSecret() {
        MyIdClient client = new MyIdClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), "ra",
                "wrong-secret", Duration.ofSeconds(2), Clock.systemUTC());

        assertThatThrownBy(() -> client.start(new IdentityVerification.Request("41505900123456", LocalDate.of(1990, 5, 15), 0.7)))
                .isInstanceOf(IdentityVerification.Unavailable.class).hasMessageNotContaining("wrong-secret");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsUnavailable() throws IOException {
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.createContext("/", exchange -> {
            try (exchange) {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        silent.start();
        try {
            MyIdClient client = new MyIdClient(URI.create("http://127.0.0.1:" + silent.getAddress().getPort() + "/"), "ra",
                    "s3cret", Duration.ofMillis(300), Clock.systemUTC());
            assertThatThrownBy(() -> client.outcome(SESSION)).isInstanceOf(IdentityVerification.Unavailable.class);
        } finally {
            silent.stop(0);
        }
    }
}
