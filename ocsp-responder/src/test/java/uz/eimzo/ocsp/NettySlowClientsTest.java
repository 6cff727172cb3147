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
import uz.eimzo.ocsp.fast.NettyOcspServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SlowClientsTest} on the Netty listener: 250 connections announcing 100 body bytes and sending 10 leave at
 * least 95% of normal requests (each with a nonce, so each one is read and signed off the event loop) answered within
 * a second; and such a connection is closed once the read timeout passes.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NettySlowClientsTest {

    private static final int SLOW_CONNECTIONS = 250;
    private static final int NORMAL_REQUESTS = 40;
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(1);

    private RunningResponder responder;
    private int port;
    private byte[] request;
    private final List<Socket> slow = new ArrayList<>();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7), "--eimzo.ocsp.netty.port=0",
                "--eimzo.ocsp.netty.read-timeout=PT3S");
        port = responder.context.getBean(NettyOcspServer.class).port();
        Path issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
        Path leaf = responder.pem("leaf.pem", responder.issue(TestCa.individual(), "individual").certificate());
        request = responder.requestFor(issuer, leaf, true);
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
        Thread.sleep(500);

        int answeredInTime = TimedRequests.answeredWithin("http://localhost:" + port + "/ocsp", request, NORMAL_REQUESTS, ANSWER_BOUND);

        assertThat(answeredInTime).as("normal requests answered within %s while %d slow-body connections are open (of %d)",
                ANSWER_BOUND, SLOW_CONNECTIONS, NORMAL_REQUESTS).isGreaterThanOrEqualTo((int) Math.ceil(NORMAL_REQUESTS * 0.95));
    }

    @Test
    void aConnectionWhoseBodyNeverCompletesIsClosedAfterTheReadTimeout() throws Exception {
        try (Socket socket = slowBody()) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (IOException reset) {
                read = -1;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(read).as("nothing answered, the connection closed").isEqualTo(-1);
            assertThat(waited).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(6));
        }
    }

    /** A POST announcing 100 body bytes that sends 10 and then nothing. */
    private Socket slowBody() throws IOException {
        return SlowClients.slowBody(port, "/ocsp", "application/ocsp-request");
    }
}
