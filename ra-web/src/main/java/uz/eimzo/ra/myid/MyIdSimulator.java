package uz.eimzo.ra.myid;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.net.URLEncoder;

/**
 * A LOCAL SIMULATOR of MyID's backend API, for the demo and the tests only (the real service is unreachable here). It
 * speaks the endpoints {@link MyIdClient} calls, in the shapes public integrators' material shows (the session's attempt
 * list and one-time code, the person's data with Cyrillic names and Latin {@code _en} fields), and instead of the MyID
 * SDK's face capture it shows a page (clearly marked) where the person at the keyboard plays both the face and the state register: they type the
 * register's name and choose the outcome (the face matches, does not match, or the session expires). It can also be
 * switched "down" to answer 503. It compares no face and knows no register; never point production at it.
 */
public final class MyIdSimulator implements AutoCloseable {

    /** Sessions left in progress this long expire, as MyID's do. */
    static final Duration SESSION_LIFETIME = Duration.ofMinutes(10);

    /** A session; {@code code} is set once it closed with a match, {@code person} is what the data call answers. */
    private record Session(String pinfl, String birthDate, Instant created, String status, String code,
                           List<Map<String, Object>> attempts, Map<String, Object> person) {
        Session closed(String newStatus, String newCode, Map<String, Object> attempt, Map<String, Object> who) {
            List<Map<String, Object>> all = new ArrayList<>(attempts);
            if (attempt != null) {
                all.add(attempt);
            }
            return new Session(pinfl, birthDate, created, newStatus, newCode, List.copyOf(all), who);
        }
    }

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Set<String> spentCodes = ConcurrentHashMap.newKeySet();
    private volatile boolean down;

    public MyIdSimulator(int port, String clientId, String clientSecret, Clock clock) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/api/", this::api);
        server.createContext("/simulator/", this::page);
        server.start();
    }

    /** The simulator's base address, e.g. {@code http://127.0.0.1:40123/}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Makes every API call answer 503, as an unreachable MyID would look to the client. */
    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void api(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (down) {
                send(exchange, 503, "application/json", "{\"error\":\"service_unavailable\"}");
                return;
            }
            if (path.equals("/api/v1/auth/clients/access-token") && exchange.getRequestMethod().equals("POST")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                if (!clientId.equals(body.path("client_id").asString()) || !clientSecret.equals(body.path("client_secret").asString())) {
                    send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                    return;
                }
                String token = HexFormat.of().formatHex(bytes(32));
                tokens.add(token);
                reply(exchange, Map.of("access_token", token, "expires_in", 604800, "token_type", "Bearer"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                send(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
                return;
            }
            if (path.equals("/api/v2/sdk/sessions") && exchange.getRequestMethod().equals("POST")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                String id = UUID.randomUUID().toString();
                sessions.put(id, new Session(body.path("pinfl").asString(), body.path("birth_date").asString(),
                        clock.instant(), "in_progress", null, List.of(), Map.of()));
                reply(exchange, Map.of("session_id", id));
                return;
            }
            if (path.startsWith("/api/v1/sdk/sessions/") && exchange.getRequestMethod().equals("GET")) {
                Session s = current(path.substring("/api/v1/sdk/sessions/".length()));
                if (s == null) {
                    send(exchange, 404, "application/json", "{\"error\":\"not_found\"}");
                    return;
                }
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("status", s.status());
                answer.put("code", s.code());
                answer.put("attempts", s.attempts());
                reply(exchange, answer);
                return;
            }
            if (path.equals("/api/v1/sdk/data") && exchange.getRequestMethod().equals("GET")) {
                String code = form(exchange.getRequestURI().getRawQuery()).getOrDefault("code", "");
                Session s = sessions.values().stream().filter(x -> code.equals(x.code())).findFirst().orElse(null);
                // The code opens the person's data once, as integrators describe it.
                if (s == null || !spentCodes.add(code)) {
                    send(exchange, 400, "application/json", "{\"error\":\"invalid_code\"}");
                    return;
                }
                reply(exchange, Map.of("data", s.person()));
                return;
            }
            send(exchange, 404, "application/json", "{\"error\":\"not_found\"}");
        } catch (RuntimeException e) {
            send(exchange, 400, "application/json", "{\"error\":\"bad_request\"}");
        }
    }

    /** The stand-in for the SDK's face capture: GET shows the choice, POST records it and returns to the RA. */
    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/simulator/sessions/".length());
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String back = query.getOrDefault("return", "");
            if (!local(back)) {
                send(exchange, 400, "text/plain; charset=utf-8", "The simulator returns to a local RA only");
                return;
            }
            Session s = current(id);
            if (s == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "No such MyID session");
                return;
            }
            if (exchange.getRequestMethod().equals("POST")) {
                Map<String, String> chosen = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String job = "SIM-" + HexFormat.of().formatHex(bytes(6));
                sessions.put(id, switch (chosen.getOrDefault("outcome", "")) {
                    case "match" -> s.closed("closed", UUID.randomUUID().toString(), attempt(job, null, null), person(s, job, chosen));
                    case "mismatch" -> s.closed("closed", null, attempt(job, "FACE_MISMATCH (simulated)", 2), Map.of());
                    default -> s.closed("expired", null, null, Map.of());
                });
                exchange.getResponseHeaders().add("Location", back);
                exchange.sendResponseHeaders(303, -1);
                return;
            }
            send(exchange, 200, "text/html; charset=utf-8", """
                    <!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>MyID SIMULATOR</title></head><body style="font-family:sans-serif;max-width:30rem;margin:1rem auto;padding:0 1rem">
                    <h1 id="simulator">MyID SIMULATOR (not the real MyID)</h1>
                    <p>This local stand-in compares no face and knows no register. Type what the state register would hold for
                    PINFL <code>%s</code>, born <code>%s</code>, and choose how the face check ends.</p>
                    <form method="post" action="/simulator/sessions/%s?return=%s">
                    <p><label>Register surname, Latin (last_name_en) <input id="last_name" name="last_name"></label></p>
                    <p><label>Register given name, Latin (first_name_en) <input id="first_name" name="first_name"></label></p>
                    <p><label>Register patronymic, Cyrillic as the register holds it (middle_name) <input id="middle_name" name="middle_name"></label></p>
                    <p><label>Register surname, Cyrillic (last_name) <input id="last_name_cyrillic" name="last_name_cyrillic"></label></p>
                    <p><label>Register given name, Cyrillic (first_name) <input id="first_name_cyrillic" name="first_name_cyrillic"></label></p>
                    <p><label>Register sex <select id="gender" name="gender"><option value="M">M</option><option value="F">F</option></select></label></p>
                    <p><button id="match" name="outcome" value="match">The face matches</button>
                    <button id="mismatch" name="outcome" value="mismatch">The face does not match</button>
                    <button id="expire" name="outcome" value="expire">Let the session expire</button></p>
                    </form></body></html>
                    """.formatted(escape(s.pinfl()), escape(s.birthDate()), escape(id),
                    URLEncoder.encode(back, StandardCharsets.UTF_8)));
        }
    }

    /** One attempt as the session's list shows it; the reason codes are the simulator's own, not MyID's. */
    private Map<String, Object> attempt(String job, String reason, Integer reasonCode) {
        Map<String, Object> attempt = new LinkedHashMap<>();
        attempt.put("job_id", job);
        attempt.put("timestamp", clock.instant().toString());
        attempt.put("reason", reason);
        attempt.put("reason_code", reasonCode);
        return attempt;
    }

    /**
     * What the data call answers for a match, in the public shape: the register's names in Cyrillic, given name and
     * surname also in Latin ({@code _en}), a patronymic in Cyrillic only. The page takes the Latin names and the Cyrillic
     * patronymic; the Cyrillic given name and surname are optional there (the RA reads the Latin fields).
     */
    private static Map<String, Object> person(Session s, String job, Map<String, String> chosen) {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("first_name", chosen.getOrDefault("first_name_cyrillic", ""));
        common.put("first_name_en", chosen.getOrDefault("first_name", ""));
        common.put("last_name", chosen.getOrDefault("last_name_cyrillic", ""));
        common.put("last_name_en", chosen.getOrDefault("last_name", ""));
        common.put("middle_name", chosen.getOrDefault("middle_name", ""));
        common.put("pinfl", s.pinfl());
        common.put("birth_date", s.birthDate());
        common.put("gender", chosen.getOrDefault("gender", ""));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("comparison_value", 0.99);
        data.put("job_id", job);
        data.put("profile", Map.of("common_data", common));
        return data;
    }

    /** The simulator only sends the browser back to an RA on this machine. */
    private static boolean local(String address) {
        try {
            URI uri = URI.create(address);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Session current(String id) {
        Session s = sessions.get(id);
        if (s != null && s.status().equals("in_progress") && s.created().plus(SESSION_LIFETIME).isBefore(clock.instant())) {
            s = s.closed("expired", null, null, Map.of());
            sessions.put(id, s);
        }
        return s;
    }

    private void reply(HttpExchange exchange, Map<String, ?> body) throws IOException {
        send(exchange, 200, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }
}
