package uz.eimzo.ra.myid;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.registration.IdentityVerification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MyID's backend API as integrators document it: an OAuth2 client-credentials token
 * ({@code POST /api/v1/oauth2/access-token}), a verification session for a PINFL and birth date with a match threshold
 * ({@code POST /api/v2/sdk/sessions}), and the session's state ({@code GET /api/v2/sdk/sessions/{id}}: in_progress,
 * closed or expired, with attempts, the job id, a result code and reason code, and the verified person's common data).
 * The token is reused until shortly before it expires. Any transport error or unexpected answer is
 * {@link IdentityVerification.Unavailable}: nothing is decided on a half-understood reply.
 */
public final class MyIdClient implements IdentityVerification {

    /** MyID's result code of a successful comparison. */
    static final int VERIFIED = 1;

    private final URI base;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    public MyIdClient(URI base, String clientId, String clientSecret, Duration timeout, Clock clock) {
        this.base = base;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String start(Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pinfl", request.pinfl());
        body.put("birth_date", request.birthDate().toString());
        body.put("threshold", request.threshold());
        JsonNode answer = call("POST", "/api/v2/sdk/sessions", body, true);
        String session = text(answer, "session_id");
        if (session.isEmpty()) {
            throw new Unavailable("MyID created no session", null);
        }
        return session;
    }

    @Override
    public Outcome outcome(String sessionId) {
        if (!sessionId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new Unavailable("Not a MyID session id", null);
        }
        JsonNode answer = call("GET", "/api/v2/sdk/sessions/" + sessionId, null, true);
        String status = text(answer, "status");
        String job = text(answer, "job_id");
        int attempts = answer.path("attempts").asInt(0);
        String reason = text(answer, "reason_code");
        return switch (status) {
            case "in_progress" -> new Outcome(Status.IN_PROGRESS, job, attempts, null, null);
            case "expired" -> new Outcome(Status.EXPIRED, job, attempts, reason, null);
            case "closed" -> answer.path("result_code").asInt(0) == VERIFIED
                    ? new Outcome(Status.VERIFIED, job, attempts, null, person(answer.path("profile").path("common_data")))
                    : new Outcome(Status.REFUSED, job, attempts, reason, null);
            default -> throw new Unavailable("MyID answered with an unknown session status", null);
        };
    }

    private Person person(JsonNode common) {
        try {
            String gender = text(common, "gender");
            return new Person(text(common, "last_name"), text(common, "first_name"), text(common, "middle_name"),
                    text(common, "pinfl"), LocalDate.parse(text(common, "birth_date")),
                    gender.equals("1") || gender.equalsIgnoreCase("M") ? 'M' : gender.equals("2") || gender.equalsIgnoreCase("F") ? 'F' : '?');
        } catch (DateTimeParseException e) {
            throw new Unavailable("MyID returned a person without a readable birth date", e);
        }
    }

    private synchronized String token() {
        if (token == null || clock.instant().isAfter(tokenExpires)) {
            JsonNode answer = call("POST", "/api/v1/oauth2/access-token", Map.of("grant_type", "client_credentials",
                    "client_id", clientId, "client_secret", clientSecret), false);
            token = text(answer, "access_token");
            if (token.isEmpty()) {
                throw new Unavailable("MyID issued no access token", null);
            }
            // Renewed a minute early, so a token never expires between the check and the call.
            tokenExpires = clock.instant().plusSeconds(Math.max(0, answer.path("expires_in").asLong(300) - 60));
        }
        return token;
    }

    private JsonNode call(String method, String path, Object body, boolean authorised) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                    .header("Accept", "application/json");
            if (authorised) {
                request.header("Authorization", "Bearer " + token());
            }
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401 && authorised) {
                synchronized (this) {
                    token = null;
                }
            }
            if (response.statusCode() / 100 != 2) {
                throw new Unavailable("MyID answered " + response.statusCode() + " to " + method + " " + path, null);
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("MyID cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while calling MyID", e);
        } catch (RuntimeException e) {
            if (e instanceof Unavailable) {
                throw e;
            }
            throw new Unavailable("MyID answered with something unreadable", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asString();
    }
}
