package uz.eimzo.ra.myid;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.registration.IdentityVerification;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MyID's backend API (the "SDK" flow) as public integrators' material shows it: a client-credentials token
 * ({@code POST /api/v1/auth/clients/access-token}, JSON {@code client_id}, {@code client_secret}), a verification session
 * for a PINFL and birth date with a match threshold ({@code POST /api/v2/sdk/sessions}), the session's state
 * ({@code GET /api/v1/sdk/sessions/{id}}: in_progress, closed or expired, a list of attempts with job id and reason, and
 * once closed successfully a one-time {@code code}), and the verified person for that code
 * ({@code GET /api/v1/sdk/data?code=}). The register's names come in Cyrillic with the given name and surname also in
 * Latin ({@code first_name_en}, {@code last_name_en}, and {@code middle_name_en} where given); a name without its Latin
 * field is transliterated ({@link UzbekLatin}), so the person compares with the Latin names of the application. The token is reused until
 * shortly before it expires. Any transport error or unexpected answer is {@link IdentityVerification.Unavailable}:
 * nothing is decided on a half-understood reply. Messages name paths, never the token, the code or the person's data.
 */
public final class MyIdClient implements IdentityVerification {

    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu");

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
        JsonNode answer = call("POST", "/api/v2/sdk/sessions", "", body, true);
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
        JsonNode answer = call("GET", "/api/v1/sdk/sessions/" + sessionId, "", null, true);
        String status = text(answer, "status").toLowerCase(Locale.ROOT);
        JsonNode attempts = answer.path("attempts");
        if (!attempts.isArray() && !attempts.isMissingNode() && !attempts.isNull()) {
            throw new Unavailable("MyID answered attempts that are not a list", null);
        }
        int count = attempts.isArray() ? attempts.size() : 0;
        JsonNode last = count == 0 ? null : attempts.get(count - 1);
        String job = last == null ? "" : text(last, "job_id");
        String reason = last == null ? null : reason(last);
        String code = text(answer, "code");
        return switch (status) {
            case "in_progress" -> new Outcome(Status.IN_PROGRESS, job, count, null, null);
            case "expired" -> new Outcome(Status.EXPIRED, job, count, reason, null);
            case "closed" -> code.isEmpty()
                    ? new Outcome(Status.REFUSED, job, count, reason, null)
                    : verified(code, job, count);
            default -> throw new Unavailable("MyID answered with an unknown session status", null);
        };
    }

    /** A closed session with a code: the person comes from the data call, which the code opens once. */
    private Outcome verified(String code, String job, int attempts) {
        JsonNode data = call("GET", "/api/v1/sdk/data", "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8), null, true)
                .path("data");
        JsonNode common = data.path("profile").path("common_data");
        if (!common.isObject()) {
            throw new Unavailable("MyID returned no person for the session", null);
        }
        String dataJob = text(data, "job_id");
        return new Outcome(Status.VERIFIED, dataJob.isEmpty() ? job : dataJob, attempts, null, person(common));
    }

    /** MyID's reason code and its text, for the audit (e.g. "4: face mismatch"). */
    private static String reason(JsonNode attempt) {
        String code = text(attempt, "reason_code");
        String text = text(attempt, "reason");
        String both = code.isEmpty() ? text : text.isEmpty() ? code : code + ": " + text;
        return both.isEmpty() ? null : both.length() > 120 ? both.substring(0, 120) : both;
    }

    private Person person(JsonNode common) {
        // Integrators read gender as 1/2 and as male/female; anything else is no sex at all, so the comparison stops.
        String gender = text(common, "gender").toLowerCase(Locale.ROOT);
        char sex = switch (gender) {
            case "1", "m", "male" -> 'M';
            case "2", "f", "female" -> 'F';
            default -> '?';
        };
        return new Person(latin(common, "last_name"), latin(common, "first_name"), latin(common, "middle_name"),
                text(common, "pinfl"), date(text(common, "birth_date")), sex);
    }

    /** The Latin {@code _en} field where MyID gives one, else the Cyrillic field transliterated. */
    private static String latin(JsonNode common, String field) {
        String latin = text(common, field + "_en");
        return latin.isBlank() ? UzbekLatin.of(text(common, field)) : latin;
    }

    /** The integrators' material shows YYYY-MM-DD; dd.MM.yyyy is read too rather than refusing a valid person. */
    private static LocalDate date(String value) {
        try {
            return value.contains(".") ? LocalDate.parse(value, DOTTED) : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Unavailable("MyID returned a person without a readable birth date", null);
        }
    }

    private synchronized String token() {
        if (token == null || clock.instant().isAfter(tokenExpires)) {
            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("client_id", clientId);
            credentials.put("client_secret", clientSecret);
            JsonNode answer = call("POST", "/api/v1/auth/clients/access-token", "", credentials, false);
            token = text(answer, "access_token");
            if (token.isEmpty()) {
                throw new Unavailable("MyID issued no access token", null);
            }
            // Renewed a minute early, so a token never expires between the check and the call.
            tokenExpires = clock.instant().plusSeconds(Math.max(0, answer.path("expires_in").asLong(300) - 60));
        }
        return token;
    }

    /** One call; {@code query} (which may carry MyID's one-time code) never goes into a message. */
    private JsonNode call(String method, String path, String query, Object body, boolean authorised) {
        try {
            URI target = base.resolve(query.isEmpty() ? path : path + "?" + query);
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
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
            throw new Unavailable("MyID cannot be reached (" + e.getClass().getSimpleName() + ") at " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while calling MyID", e);
        } catch (RuntimeException e) {
            if (e instanceof Unavailable) {
                throw e;
            }
            // No cause: a parser's message may quote the body, which can hold the person's data.
            throw new Unavailable("MyID answered with something unreadable at " + method + " " + path, null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asString();
    }
}
