package uz.eimzo.tsa.verification;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A relying party's HTTP client for the verification and attachment endpoints. */
public final class VerificationHttp {

    /** The status and parsed JSON body of an answer. */
    public record Answer(int status, JsonNode json, String contentType) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;

    public VerificationHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** POST /verify with the JSON form; {@code fields} alternate name and value, nulls left out. */
    public Answer verify(byte[] cms, Object... fields) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cms", Base64.getEncoder().encodeToString(cms));
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                body.put((String) fields[i], fields[i + 1]);
            }
        }
        return post("/verify", "application/json", JSON.writeValueAsBytes(body));
    }

    /** POST /timestamp/cms: the document with a token on every signer that had none. */
    public byte[] stamp(byte[] cms) throws Exception {
        Answer answer = post("/timestamp/cms", "application/json",
                JSON.writeValueAsBytes(Map.of("cms", Base64.getEncoder().encodeToString(cms))));
        if (answer.status() != 200) {
            throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.json());
        }
        return Base64.getDecoder().decode(answer.json().get("cms").asString());
    }

    public Answer post(String path, String contentType, byte[] body) throws Exception {
        return post(path, contentType, body, null);
    }

    /** @param language the Accept-Language header, or null to send none */
    public Answer post(String path, String contentType, byte[] body, String language) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (language != null) {
                request.header("Accept-Language", language);
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response.headers().firstValue("Content-Type").orElse(""));
        }
    }
}
