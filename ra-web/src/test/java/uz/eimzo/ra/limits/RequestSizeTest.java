package uz.eimzo.ra.limits;

import org.junit.jupiter.api.Test;
import uz.eimzo.ra.support.RaTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;

/** Oversized bodies are refused by the real server before anything buffers them, declared or chunked. */
class RequestSizeTest extends RaTestBase {

    private int post(String path, HttpRequest.BodyPublisher body) throws Exception {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/pkixcmp").POST(body).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException closedWhileSending) {
            return -1;
        }
    }

    @Test
    void cmpMessageDeclaredOverItsCapIsRefusedWith413() throws Exception {
        assertThat(post("/.well-known/cmp", HttpRequest.BodyPublishers.ofByteArray(new byte[300 * 1024]))).isEqualTo(413);
    }

    @Test
    void chunkedCmpBodyOverItsCapIsNotBufferedAndGetsNoSuccess() throws Exception {
        // No Content-Length: the body streams in chunks and is cut off past the cap.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]));
        int status = post("/.well-known/cmp", chunked);
        assertThat(status).isNotEqualTo(200).isNotEqualTo(500);
    }

    @Test
    void smallCmpGarbageStillGetsACmpAnswer() throws Exception {
        assertThat(post("/.well-known/cmp", HttpRequest.BodyPublishers.ofByteArray(new byte[100]))).isEqualTo(200);
    }

    @Test
    void apiBodyOverItsCapIsRefusedWith413() throws Exception {
        assertThat(post("/api/requests", HttpRequest.BodyPublishers.ofByteArray(new byte[2 * 1024 * 1024]))).isEqualTo(413);
    }
}
