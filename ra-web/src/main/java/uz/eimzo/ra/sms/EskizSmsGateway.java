package uz.eimzo.ra.sms;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Eskiz.uz's SMS API (notify.eskiz.uz), as its public documentation describes it: {@code POST {base}/auth/login} with
 * the account's {@code email} and {@code password} answers {@code data.token}, a bearer token good for weeks, kept
 * and reused; {@code POST {base}/message/sms/send} with {@code mobile_phone} (998 and nine digits, no plus),
 * {@code message} and {@code from} (the approved sender name) sends one text. A 401 means the token expired or was
 * revoked: the adapter logs in once more and sends again (it does not use {@code PATCH /auth/refresh}, which needs a
 * token that is still valid). A 5xx answer, a timeout or a refused connection is retried a bounded number of times
 * with a doubling pause; any other 4xx is final, since sending the same text again would be refused again. The text
 * and the token never appear in a log or a refusal: a refusal names the call and the HTTP status only.
 */
public final class EskizSmsGateway implements SmsSender {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI base;
    private final String email;
    private final String password;
    private final String from;
    private final Duration timeout;
    private final Retries retries;
    private volatile String token;

    public EskizSmsGateway(URI base, String email, String password, String from, Duration connectTimeout,
                           Duration timeout, Retries retries) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.email = email;
        this.password = password;
        this.from = from;
        this.timeout = timeout;
        this.retries = retries;
    }

    @Override
    public void send(String phone, String text) {
        String to = SmsSender.uzbek(phone).substring(1);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mobile_phone", to);
        form.put("message", text);
        form.put("from", from);
        boolean[] loggedInAgain = {false};
        retries.send("Eskiz message/sms/send", () -> {
            int status = sendOnce(form);
            if (status == 401 && !loggedInAgain[0]) {
                // The kept token expired or was revoked: one fresh login, then the same text once more (not an attempt).
                loggedInAgain[0] = true;
                token = null;
                status = sendOnce(form);
            }
            return status;
        });
    }

    /** One try: the HTTP status, or 0 when nothing answered (a login that failed retryably counts as its status). */
    private int sendOnce(Map<String, String> form) {
        try {
            return post("message/sms/send", form, token()).statusCode();
        } catch (Retryable failure) {
            return failure.status;
        }
    }

    /** The kept token, or a fresh one from {@code auth/login}. */
    private synchronized String token() {
        if (token != null) {
            return token;
        }
        HttpResponse<String> answer = post("auth/login", Map.of("email", email, "password", password), null);
        if (answer.statusCode() / 100 != 2) {
            if (Retries.retryable(answer.statusCode())) {
                throw new Retryable(answer.statusCode());
            }
            // Wrong credentials are final: trying them again only risks locking the account.
            throw new Failed("Eskiz auth/login answered HTTP " + answer.statusCode());
        }
        JsonNode data = JSON.readTree(answer.body()).path("data").path("token");
        if (!data.isString() || data.asString().isBlank()) {
            throw new Failed("Eskiz auth/login answered without a token");
        }
        token = data.asString();
        return token;
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, String bearer) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A timeout or a refused connection: the gateway may be back in a moment.
            throw new Retryable(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("Interrupted while sending an SMS");
        }
    }

    /** A failed call worth trying again; {@code status} 0 when nothing answered. */
    private static final class Retryable extends RuntimeException {
        final int status;

        Retryable(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }
}
