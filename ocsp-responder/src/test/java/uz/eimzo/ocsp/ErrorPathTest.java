package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The error path is not a page of its own: asked for directly it is a 404, never a 500 (issue 13, observation 5). */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPathTest {

    RunningResponder responder;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        responder = RunningResponder.start(db, directory);
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void errorPathAskedForDirectlyIsA404() throws Exception {
        for (String method : new String[]{"GET", "POST", "HEAD"}) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(responder.base() + "/error"))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertThat(answer.statusCode()).as(method).isEqualTo(404);
        }
    }

    @Test
    void realErrorsStillKeepTheirOwnStatus() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(responder.base() + "/no-such-page"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(responder.base() + "/crl/x.crl"))
                .DELETE()).statusCode()).isEqualTo(405);
    }
}
