package uz.eimzo.ra.integrators;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** An integrator's client: plain HTTP to the running application with one bearer token, JSON in and out. */
final class HttpIntegrator {

    /** An answer: its status, its JSON (null when not JSON) and its raw body. */
    record Answer(int status, JsonNode json, String body, String contentType) {
        String text(String field) {
            return json.path(field).asString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    HttpIntegrator(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.contains("json") ? JSON.readTree(response.body()) : null;
        return new Answer(response.statusCode(), json, response.body(), type);
    }
}
