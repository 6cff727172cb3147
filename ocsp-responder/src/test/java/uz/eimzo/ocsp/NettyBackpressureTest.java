package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.fast.NettyOcspServer;
import uz.eimzo.ocsp.protocol.OcspResponses;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Netty listener with no room at all for work off the event loop ({@code max-pending=0}): what needs the
 * database or a signature is answered tryLater at once, never queued, while answers already in the cache are still
 * served (on the event loop). Closing the Spring context closes the port.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NettyBackpressureTest {

    private static final int TRY_LATER = 3;

    RunningResponder responder;
    int port;
    String netty;
    Path issuer;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7), "--eimzo.ocsp.netty.port=0",
                "--eimzo.ocsp.netty.max-pending=0");
        port = responder.context.getBean(NettyOcspServer.class).port();
        netty = "http://localhost:" + port + "/ocsp";
        issuer = responder.pem("issuing.pem", responder.ca.issuing.certificate());
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private byte[] requestForNewCertificate(boolean nonce) {
        Path leaf = responder.pem("leaf-" + System.nanoTime() + ".pem",
                responder.issue(TestCa.individual(), "individual").certificate());
        return responder.requestFor(issuer, leaf, nonce);
    }

    @Test
    @Order(1)
    void aRequestThatMustBeSignedIsTryLaterWhenThereIsNoRoom() throws Exception {
        HttpResponse<byte[]> response = post(netty, requestForNewCertificate(true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(OcspResponses.status(response.body())).isEqualTo(TRY_LATER);
    }

    @Test
    @Order(2)
    void anAnswerInTheCacheIsServedEvenWithNoRoom() throws Exception {
        byte[] request = requestForNewCertificate(false);
        // Tomcat's port answers it and leaves it in the cache the two listeners share.
        byte[] signed = post(responder.url(), request).body();
        assertThat(OcspResponses.status(signed)).isZero();
        assertThat(post(netty, request).body()).isEqualTo(signed);
    }

    @Test
    @Order(3)
    void closingTheContextClosesThePort() {
        responder.context.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(IOException.class);
    }

    private HttpResponse<byte[]> post(String url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
