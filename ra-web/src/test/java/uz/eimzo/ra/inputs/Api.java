package uz.eimzo.ra.inputs;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.Operators;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/** The JSON API over real HTTP with a bearer token, as an integrator calls it. */
final class Api {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    Api(int port, JdbcClient jdbc, Actor operator) {
        this.base = "http://localhost:" + port;
        this.token = UUID.randomUUID().toString();
        jdbc.sql("insert into api_token (name, operator_id, token_sha256) values (?, ?, ?)")
                .params("t-" + token, operator.operatorId(), Certificates.sha256(token.getBytes(StandardCharsets.UTF_8))).update();
    }

    /** GET of a path whose query is given already percent-encoded, e.g. {@code /api/certificates?q=%00}. */
    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A registration body for an individual; {@code extra} is spliced into the applicant object as JSON members. */
    static String individual(String pinfl, String extra) {
        return """
                {"idempotencyKey": "%s", "submit": true, "applicant": {
                  "type": "INDIVIDUAL", "surname": "Karimov", "givenName": "Aziz", "birthDate": "1990-03-15", "sex": "M",
                  "pinfl": "%s", "documentType": "PASSPORT", "documentNumber": "AC1234567", "phone": "+998901234567",
                  "representative": false%s}}""".formatted(UUID.randomUUID(), pinfl, extra.isEmpty() ? "" : ", " + extra);
    }

    static long id(HttpResponse<String> created) {
        return Long.parseLong(created.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
    }

    /** Registers, approves (as {@code supervisor}) and issues a certificate; returns {@code ca/serial}. */
    String issuedCertificate(Api supervisor) throws Exception {
        HttpResponse<String> created = post("/api/requests", individual(Operators.pinfl(), ""));
        long id = id(created);
        supervisor.post("/api/requests/" + id + "/approve", "");
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        HttpResponse<String> issued = post("/api/requests/" + id + "/issue",
                "{\"csr\": \"" + Csrs.pem(key).replace("\n", "\\n") + "\"}");
        if (issued.statusCode() != 200) {
            throw new IllegalStateException("issue failed: " + created.body() + " / " + issued.body());
        }
        String ca = issued.body().replaceAll("(?s).*\"ca\":\"([^\"]+)\".*", "$1");
        String serial = issued.body().replaceAll("(?s).*\"serial\":\"([^\"]+)\".*", "$1");
        return ca + "/" + serial;
    }
}
