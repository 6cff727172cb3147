package uz.eimzo.ra.requests;

import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.operator.OperatorDirectory;
import uz.eimzo.ra.operator.Totp;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator signed in to a running RA over real HTTP (Tomcat, its multipart parsing and limits, cookies, CSRF
 * fields in the forms as a browser sends them), for what MockMvc cannot show.
 */
final class SignedInBrowserlessClient {

    /** A file part of a multipart form. */
    record Part(String name, String fileName, String type, byte[] bytes) {
    }

    private static final Map<String, Long> LAST_STEP = new HashMap<>();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    private SignedInBrowserlessClient(String base) {
        this.base = base;
    }

    /** Signs the operator in with password and authenticator code on the RA at {@code base}. */
    static SignedInBrowserlessClient signIn(String base, Actor actor, String password, OperatorDirectory directory) throws Exception {
        SignedInBrowserlessClient client = new SignedInBrowserlessClient(base);
        String token = csrf(client.get("/login").body());
        byte[] secret = directory.totpSecret(directory.byUsername(actor.username()).orElseThrow());
        HttpResponse<String> signedIn = client.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", actor.username(), "password", password,
                        "code", Totp.code(secret, unusedStep(actor.username())), "_csrf", token)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location")).as("signed in").hasValueSatisfying(l -> assertThat(l).endsWith("/requests"));
        return client;
    }

    /**
     * A moment in a 30-second step whose code this operator has not used yet: a code is accepted once, from the
     * current step or the next (clock drift), so a third sign-in within one step waits for the next.
     */
    private static synchronized Instant unusedStep(String username) throws InterruptedException {
        long step = Instant.now().getEpochSecond() / 30;
        Long last = LAST_STEP.get(username);
        if (last != null && last >= step) {
            step = last + 1;
        }
        while (step > Instant.now().getEpochSecond() / 30 + 1) {
            Thread.sleep(1000);
        }
        LAST_STEP.put(username, step);
        return Instant.ofEpochSecond(step * 30);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form of fields as a browser does, with the CSRF field of the page at {@code formPage}. */
    HttpResponse<String> post(String formPage, String path, Map<String, String> fields) throws Exception {
        StringBuilder body = new StringBuilder(form(Map.of("_csrf", csrf(get(formPage).body()))));
        fields.forEach((k, v) -> body.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a multipart form as a browser does (the CSRF token a field of it, taken from the page at {@code formPage}). */
    HttpResponse<String> upload(String formPage, String path, List<Part> files) throws Exception {
        String boundary = "----eimzo" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + csrf(get(formPage).body()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (Part part : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("the page carries a CSRF field").isTrue();
        return m.group(1);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString();
    }
}
