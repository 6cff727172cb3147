package uz.eimzo.ca.bench.load;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Both drivers against a tiny local server: every answer counted, and each kind of wrong answer counted as a failure. */
class LoadDriversTest {

    private static final byte[] REQUEST = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\nping"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINE = TinyHttpServer.reply("HTTP/1.1 200 OK", "text/plain", "pong");

    private static Workload<Workload.Plain> pings() {
        return Workload.of(List.of(new Workload.Plain(REQUEST)), "text/plain", (request, body, sampled) ->
                new String(body, StandardCharsets.US_ASCII).equals("pong")
                        ? Workload.Verdict.ok("pong") : Workload.Verdict.failed("not pong"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "threads"})
    void everyRequestOfACountedPlanIsAnsweredAndCounted(String driver) throws Exception {
        try (TinyHttpServer server = new TinyHttpServer(n -> FINE)) {
            LoadResult result = LoadDriver.named(driver).run(server.port(), Plan.once(4, 200), pings());

            assertThat(result.ok()).isEqualTo(200);
            assertThat(result.outcomes()).containsExactlyEntriesOf(Map.of("pong", 200L));
            assertThat(result.p99Millis()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "threads"})
    void anAnswerWithAnotherStatusIsAFailure(String driver) throws Exception {
        byte[] error = TinyHttpServer.reply("HTTP/1.1 500 Internal Server Error", "text/plain", "pong");
        try (TinyHttpServer server = new TinyHttpServer(n -> n % 10 == 3 ? error : FINE)) {
            LoadResult result = LoadDriver.named(driver).run(server.port(), Plan.once(1, 20), pings());

            assertThat(result.ok()).isEqualTo(18);
            assertThat(result.count("FAILED HTTP 500")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "threads"})
    void anAnswerWithAnotherContentTypeIsAFailure(String driver) throws Exception {
        byte[] html = TinyHttpServer.reply("HTTP/1.1 200 OK", "text/html; charset=UTF-8", "pong");
        try (TinyHttpServer server = new TinyHttpServer(n -> html)) {
            LoadResult result = LoadDriver.named(driver).run(server.port(), Plan.once(2, 10), pings());

            assertThat(result.ok()).isZero();
            assertThat(result.count("FAILED content type 'text/html; charset=UTF-8'")).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "threads"})
    void aConnectionTheServerClosesAfterEachAnswerIsOpenedAgain(String driver) throws Exception {
        // As openssl's responder answers: HTTP/1.0, the connection closed after every answer.
        byte[] once = TinyHttpServer.reply("HTTP/1.0 200 OK", "text/plain", "pong");
        try (TinyHttpServer server = new TinyHttpServer(n -> once)) {
            LoadResult result = LoadDriver.named(driver).run(server.port(), Plan.once(2, 30), pings());

            assertThat(result.ok()).isEqualTo(30);
            assertThat(server.connections()).isGreaterThanOrEqualTo(30);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "threads"})
    void aConnectionClosedBeforeItsAnswerIsAFailureAndTheLoadGoesOn(String driver) throws Exception {
        try (TinyHttpServer server = new TinyHttpServer(n -> n == 5 ? null : FINE)) {
            LoadResult result = LoadDriver.named(driver).run(server.port(), Plan.once(1, 20), pings());

            assertThat(result.ok()).isEqualTo(19);
            assertThat(result.count("FAILED closed before the answer")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "threads"})
    void oneAnswerIn64IsHandedToTheJudgeAsASample(String driver) throws Exception {
        AtomicInteger samples = new AtomicInteger();
        Workload<Workload.Plain> counting = Workload.of(List.of(new Workload.Plain(REQUEST)), "text/plain",
                (request, body, sampled) -> {
                    if (sampled) {
                        samples.incrementAndGet();
                    }
                    return Workload.Verdict.ok("pong");
                });
        try (TinyHttpServer server = new TinyHttpServer(n -> FINE)) {
            LoadDriver.named(driver).run(server.port(), Plan.once(1, 128), counting);

            assertThat(samples).hasValue(2);
        }
    }
}
