package uz.eimzo.ca.x509;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client of a reader of other CAs' CRLs or OCSP answers, built on the first request (a reader that never asks
 * starts no HTTP threads), following no redirects.
 */
final class LazyHttpClient {

    private final Duration connectTimeout;
    private volatile HttpClient client;

    LazyHttpClient(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    HttpClient get() {
        HttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = HttpClient.newBuilder().connectTimeout(connectTimeout)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    client = built;
                }
            }
        }
        return built;
    }
}
