package uz.eimzo.ocsp;

import uz.eimzo.ocsp.protocol.OcspResponses;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Normal OCSP requests sent one after another, as the slow-client tests count those answered in time. */
final class TimedRequests {

    private TimedRequests() {
    }

    /** How many of {@code count} POSTs of the request to the URL were answered successful within the bound. */
    static int answeredWithin(String url, byte[] request, int count, Duration bound) throws InterruptedException {
        int answeredInTime = 0;
        for (int i = 0; i < count; i++) {
            // A fresh client each time: a new connection, as a relying party's would be.
            HttpClient http = HttpClient.newBuilder().connectTimeout(bound).build();
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(bound)
                        .header("Content-Type", "application/ocsp-request")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
                boolean inTime = Duration.ofNanos(System.nanoTime() - start).compareTo(bound) <= 0;
                if (inTime && response.statusCode() == 200 && OcspResponses.status(response.body()) == 0) {
                    answeredInTime++;
                }
            } catch (IOException timedOut) {
                // not answered within the bound
            } finally {
                http.close();
            }
        }
        return answeredInTime;
    }
}
