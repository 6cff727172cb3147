package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.SlowClients;
import uz.eimzo.ca.testing.TestDatabase;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow-body clients (a request announcing 100 body bytes, sending 10, then nothing) must not starve the responder:
 * with 250 of them holding connections open, at least 95% of normal OCSP requests are answered within a second.
 * The slow connections are plain sockets on loopback against the real responder port.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientsTest {

    private static final int SLOW_CONNECTIONS = 250;
    private static final int NORMAL_REQUESTS = 40;
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(1);

    private RunningResponder responder;
    private byte[] request;
    private final List<Socket> slow = new ArrayList<>();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory);
        Path issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
        Path leaf = responder.pem("leaf.pem", responder.issue(TestCa.individual(), "individual").certificate());
        request = responder.requestFor(issuer, leaf, false);
    }

    @AfterAll
    void stop() {
        slow.forEach(SlowClients::closeQuietly);
        responder.close();
    }

    @Test
    void twoHundredFiftySlowBodyConnectionsLeaveNormalRequestsAnsweredWithinASecond() throws Exception {
        for (int i = 0; i < SLOW_CONNECTIONS; i++) {
            slow.add(slowBody());
        }
        // Let the server take up every slow connection and start waiting for its body.
        Thread.sleep(500);

        int answeredInTime = TimedRequests.answeredWithin(responder.url(), request, NORMAL_REQUESTS, ANSWER_BOUND);

        assertThat(answeredInTime).as("normal requests answered within %s while %d slow-body connections are open (of %d)",
                ANSWER_BOUND, SLOW_CONNECTIONS, NORMAL_REQUESTS).isGreaterThanOrEqualTo((int) Math.ceil(NORMAL_REQUESTS * 0.95));
    }

    /** A POST announcing 100 body bytes that sends 10 and then nothing. */
    private Socket slowBody() throws IOException {
        return SlowClients.slowBody(responder.port, "/ocsp", "application/ocsp-request");
    }
}
