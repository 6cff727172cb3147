package uz.eimzo.ra.sms;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ra.support.RecordingSmsGateway;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two SMS senders against what stands in for a phone: the HTTP gateway client against a local server recording
 * what it receives, and the demo's SMS box against the file system.
 */
class SmsSendersTest {

    private final RecordingSmsGateway gateway = new RecordingSmsGateway();

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpSmsGateway client(String token, Duration timeout) {
        return client(token, timeout, new Retries(1, Duration.ZERO));
    }

    private HttpSmsGateway client(String token, Duration timeout, Retries retries) {
        return new HttpSmsGateway(URI.create(gateway.url()), token, "E-IMZO", Duration.ofSeconds(2), timeout, retries);
    }

    @Test
    void theGatewayReceivesTheNumberTheSenderAndTheTextAsJsonWithTheToken() throws Exception {
        client("gateway-token", Duration.ofSeconds(5)).send("+998 90 123-45-67", "Kod \"1234\"\nyangi qator");

        RecordingSmsGateway.Received received = gateway.await("+998901234567");
        JsonNode body = JsonMapper.builder().build().readTree(received.body());
        assertThat(body.propertyNames()).containsExactly("to", "from", "text");
        assertThat(body.get("to").asString()).isEqualTo("+998901234567");
        assertThat(body.get("from").asString()).isEqualTo("E-IMZO");
        assertThat(body.get("text").asString()).isEqualTo("Kod \"1234\"\nyangi qator");
        assertThat(received.authorization()).isEqualTo("Bearer gateway-token");
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() throws Exception {
        client("", Duration.ofSeconds(5)).send("+998901234567", "salom");

        assertThat(gateway.await("salom").authorization()).isNull();
    }

    @Test
    void aNumberThatIsNotUzbekIsRefusedAndNothingIsSent() {
        for (String phone : List.of("+99890123456", "+79001234567", "998901234567", "+998 90 12a 45 67", "")) {
            assertThatThrownBy(() -> client("", Duration.ofSeconds(5)).send(phone, "kod"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("+998");
        }

        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void aGatewayRefusalIsAFailureThatDoesNotRepeatTheText() {
        gateway.answer(503, Duration.ZERO);

        assertThatThrownBy(() -> client("", Duration.ofSeconds(5)).send("+998901234567", "kod 8765-4321"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("503").hasMessageNotContaining("8765");
    }

    @Test
    void aGatewayErrorIsTriedAgainAfterAPauseAndTheTextGoesOut() throws Exception {
        gateway.answerInTurn(503, 500);

        client("", Duration.ofSeconds(5), new Retries(3, Duration.ofMillis(50))).send("+998901234567", "kod");

        assertThat(gateway.received()).hasSize(3);
    }

    @Test
    void aRefusalOtherThanAGatewayErrorIsNeverTriedAgain() {
        gateway.answer(400, Duration.ZERO);

        assertThatThrownBy(() -> client("", Duration.ofSeconds(5), new Retries(3, Duration.ofMillis(50)))
                .send("+998901234567", "kod 8765-4321"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("400").hasMessageContaining("1 attempt")
                .hasMessageNotContaining("8765");
        assertThat(gateway.received()).hasSize(1);
    }

    @Test
    void aGatewayThatKeepsFailingIsTriedAsOftenAsSetAndNoMore() {
        gateway.answer(502, Duration.ZERO);

        assertThatThrownBy(() -> client("", Duration.ofSeconds(5), new Retries(3, Duration.ofMillis(50)))
                .send("+998901234567", "kod"))
                .isInstanceOf(SmsSender.Failed.class).hasMessageContaining("502").hasMessageContaining("3 attempts");
        assertThat(gateway.received()).hasSize(3);
    }

    @Test
    void aHangingGatewayFailsWithinTheTimeout() {
        gateway.answer(200, Duration.ofSeconds(10));
        Instant start = Instant.now();

        assertThatThrownBy(() -> client("", Duration.ofMillis(500)).send("+998901234567", "kod"))
                .isInstanceOf(SmsSender.Failed.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnreachableGatewayIsAFailure() {
        gateway.close();

        assertThatThrownBy(() -> client("", Duration.ofSeconds(2)).send("+998901234567", "kod"))
                .isInstanceOf(SmsSender.Failed.class);
    }

    @Test
    void theDemoBoxWritesEachTextToAFileOnlyItsOwnerReads(@TempDir Path data) throws Exception {
        DemoSmsBox box = new DemoSmsBox(data.resolve("demo-sms"), Clock.systemUTC());

        box.send("+998901234567", "Kod 1234-5678");

        try (var files = Files.list(box.directory())) {
            Path file = files.findFirst().orElseThrow();
            assertThat(Files.readString(file)).contains("To: +998901234567").contains("Kod 1234-5678");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(box.directory()))).isEqualTo("rwx------");
    }
}
