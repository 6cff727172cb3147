package uz.eimzo.ra.sms;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An SMS gateway over HTTP: each text is one {@code POST} of {@code {"to": "+998…", "from": "…", "text": "…"}}
 * (JSON, UTF-8) to the configured URL, with a bearer token when one is set; any 2xx answer means sent. A provider with
 * another request shape (Eskiz, Play Mobile…) needs a small adapter in front of it. Waits at most the connect timeout
 * for the connection and the timeout for the answer, so a hanging gateway never holds an applicant's page; a 5xx
 * answer or none at all is tried again as {@link Retries} say.
 */
public final class HttpSmsGateway implements SmsSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI url;
    private final String token;
    private final String from;
    private final Duration timeout;
    private final Retries retries;

    public HttpSmsGateway(URI url, String token, String from, Duration connectTimeout, Duration timeout, Retries retries) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.url = url;
        this.token = token == null ? "" : token;
        this.from = from;
        this.timeout = timeout;
        this.retries = retries;
    }

    @Override
    public void send(String phone, String text) {
        String to = SmsSender.uzbek(phone);
        Map<String, String> message = new LinkedHashMap<>();
        message.put("to", to);
        message.put("from", from);
        message.put("text", text);
        String body = JSON.writeValueAsString(message);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        retries.send("The SMS gateway", () -> {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed("Interrupted while sending an SMS");
            }
        });
    }
}
