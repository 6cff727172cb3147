package uz.eimzo.ra.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Eskiz.uz adapter against a local HTTP server that follows Eskiz's published contract (notify.eskiz.uz:
 * {@code POST /api/auth/login} with {@code email}/{@code password} answering {@code {"message":"token_generated",
 * "data":{"token":…},"token_type":"bearer"}}; {@code POST /api/message/sms/send} with {@code mobile_phone},
 * {@code message}, {@code from} and the bearer token, answering {@code {"id":…,"message":"Waiting for SMS
 * provider","status":"waiting"}}; 401 for an expired token). The real gateway is not reachable from here and needs a
 * paid account, so these tests pin the adapter to the documented shapes, not to Eskiz itself.
 */
class EskizSmsGatewayTest {

    /** One call the stand-in received: its path, bearer token (or null) and form fields. */
    record Call(String path, String bearer, Map<String, String> form, Instant at) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Statuses the send call answers with, in order; 200 once they run out. */
    private final Deque<Integer> sendAnswers = new ArrayDeque<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile int loginStatus = 200;
    private volatile Duration sendDelay = Duration.ZERO;
    private final HttpServer eskiz = start();

    private HttpServer start() {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/auth/login", exchange -> {
            Call call = record(exchange);
            if (loginStatus != 200) {
                answer(exchange, loginStatus, "{\"message\":\"Invalid credentials\"}");
                return;
            }
            boolean right = "sms@markaz.uz".equals(call.form().get("email")) && "eskiz-parol".equals(call.form().get("password"));
            answer(exchange, right ? 200 : 401, right
                    ? "{\"message\":\"token_generated\",\"data\":{\"token\":\"token-" + logins.incrementAndGet() + "\"},\"token_type\":\"bearer\"}"
                    : "{\"message\":\"Invalid credentials\"}");
        });
        server.createContext("/api/message/sms/send", exchange -> {
            Call call = record(exchange);
            Integer scripted;
            synchronized (sendAnswers) {
                scripted = sendAnswers.poll();
            }
            try {
                Thread.sleep(sendDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (call.bearer() == null || !call.bearer().equals("token-" + logins.get())) {
                answer(exchange, 401, "{\"status\":\"token-invalid\",\"message\":\"Expired\"}");
            } else if (scripted != null && scripted != 200) {
                answer(exchange, scripted, "{\"message\":\"scripted " + scripted + "\"}");
            } else {
                answer(exchange, 200, "{\"id\":\"e837dec2\",\"message\":\"Waiting for SMS provider\",\"status\":\"waiting\"}");
            }
        });
        server.start();
        return server;
    }

    private Call record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = body.isEmpty() ? Map.of() : Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Call call = new Call(exchange.getRequestURI().getPath(),
                authorization == null ? null : authorization.replaceFirst("^Bearer ", ""), form, Instant.now());
        calls.add(call);
        return call;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterEach
    void stop() {
        eskiz.stop(0);
    }

    private EskizSmsGateway gateway(String password, Duration timeout) {
        return new EskizSmsGateway(URI.create("http://127.0.0.1:" + eskiz.getAddress().getPort() + "/api"), "sms@markaz.uz",
                password, "4546", Duration.ofSeconds(2), timeout,
                new Retries(3, Duration.ofMillis(200)));
    }

    private List<Call> sends() {
        return calls.stream().filter(c -> c.path().equals("/api/message/sms/send")).toList();
    }

    private void scriptSends(Integer... statuses) {
        synchronized (sendAnswers) {
            sendAnswers.addAll(List.of(statuses));
        }
    }

    @Test
    void logsInOnceAndSendsTheNumberWithoutThePlusTheTextAndTheSenderWithTheToken() {
        EskizSmsGateway gateway = gateway("eskiz-parol", Duration.ofSeconds(5));

        gateway.send("+998 90 123-45-67", "Kod: 1234-5678");
        gateway.send("+998911112233", "ikkinchi");

        assertThat(calls.stream().filter(c -> c.path().equals("/api/auth/login")).count()).isEqualTo(1);
        assertThat(sends()).hasSize(2);
        Call first = sends().getFirst();
        assertThat(first.form()).containsEntry("mobile_phone", "998901234567").containsEntry("message", "Kod: 1234-5678")
                .containsEntry("from", "4546");
        assertThat(first.bearer()).isEqualTo("token-1");
        assertThat(sends().get(1).bearer()).isEqualTo("token-1");
    }

    @Test
    void anExpiredTokenIsReplacedByANewLoginAndTheTextGoesOnce() {
        EskizSmsGateway gateway = gateway("eskiz-parol", Duration.ofSeconds(5));
        gateway.send("+998901234567", "birinchi");
        // Eskiz revokes the kept token: the next send answers 401.
        logins.incrementAndGet();

        gateway.send("+998901234567", "ikkinchi");

        List<String> path = calls.stream().map(Call::path).toList();
        assertThat(path).containsExactly("/api/auth/login", "/api/message/sms/send", "/api/message/sms/send",
                "/api/auth/login", "/api/message/sms/send");
        assertThat(sends().getLast().bearer()).isEqualTo("token-3");
        assertThat(sends().stream().filter(c -> c.form().get("message").equals("ikkinchi"))).hasSize(2);
    }

    @Test
    void aServerErrorIsRetriedAfterAPauseAndThenSucceeds() {
        scriptSends(500);

        gateway("eskiz-parol", Duration.ofSeconds(5)).send("+998901234567", "qayta");

        assertThat(sends()).hasSize(2);
        assertThat(Duration.between(sends().get(0).at(), sends().get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void persistentServerErrorsStopAfterTheBoundedAttemptsWithDoublingPauses() {
        scriptSends(502, 503, 500, 500, 500);

        assertThatThrownBy(() -> gateway("eskiz-parol", Duration.ofSeconds(5)).send("+998901234567", "kod 8765-4321"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("500").hasMessageContaining("3 attempts")
                .hasMessageNotContaining("8765");
        assertThat(sends()).hasSize(3);
        assertThat(Duration.between(sends().get(1).at(), sends().get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRefusedRequestIsNeverRetried() {
        scriptSends(400);

        assertThatThrownBy(() -> gateway("eskiz-parol", Duration.ofSeconds(5)).send("+998901234567", "kod 8765-4321"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("400").hasMessageContaining("1 attempt")
                .hasMessageNotContaining("8765");
        assertThat(sends()).hasSize(1);
    }

    @Test
    void aTimeoutIsRetriedLikeAServerError() {
        sendDelay = Duration.ofSeconds(2);

        assertThatThrownBy(() -> gateway("eskiz-parol", Duration.ofMillis(300)).send("+998901234567", "kutish"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("did not answer");
        assertThat(sends()).hasSize(3);
    }

    @Test
    void wrongCredentialsAreFinalAndNothingIsSent() {
        assertThatThrownBy(() -> gateway("noto'g'ri", Duration.ofSeconds(5)).send("+998901234567", "salom"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("auth/login").hasMessageContaining("401");

        assertThat(calls).extracting(Call::path).containsExactly("/api/auth/login");
    }

    @Test
    void aNumberThatIsNotUzbekIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> gateway("eskiz-parol", Duration.ofSeconds(5)).send("+79001234567", "salom"))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(calls).isEmpty();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neitherTheTextNorTheTokenNorThePasswordReachesALog(CapturedOutput output) {
        var logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loggers = List.of("uz.eimzo", "jdk.internal.httpclient");
        loggers.forEach(l -> logging.setLogLevel(l, LogLevel.DEBUG));
        scriptSends(500, 400);
        try {
            assertThatThrownBy(() -> gateway("eskiz-parol", Duration.ofSeconds(5)).send("+998901234567", "kod 2468-1357"))
                    .isInstanceOf(SmsSender.Failed.class);
        } finally {
            loggers.forEach(l -> logging.setLogLevel(l, null));
        }

        assertThat(output.getAll()).doesNotContain("2468-1357").doesNotContain("token-1").doesNotContain("eskiz-parol");
    }
}
