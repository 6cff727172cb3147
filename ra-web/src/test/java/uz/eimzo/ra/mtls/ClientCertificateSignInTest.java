package uz.eimzo.ra.mtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.issuance.ServiceProfile;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;
import uz.eimzo.ra.support.SessionCookies;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Operators sign in on the HTTPS port with a client certificate from the operator CA, through a real TLS handshake. */
class ClientCertificateSignInTest extends RaTestBase {

    @Autowired
    OperatorHttps https;

    private HttpClient client(KeyStore clientKey, char[] password) throws Exception {
        return client(clientKey, password, false);
    }

    /** With {@code insist}, the client offers its certificate even when the server did not name its CA. */
    private HttpClient client(KeyStore clientKey, char[] password, boolean insist) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", ca.authoritiesDirectory().require("demo-root").certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (clientKey != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(clientKey, password);
        }
        javax.net.ssl.KeyManager[] keyManagers = kmf == null ? null : kmf.getKeyManagers();
        if (insist && keyManagers != null) {
            var real = (javax.net.ssl.X509ExtendedKeyManager) keyManagers[0];
            String alias = clientKey.aliases().nextElement();
            keyManagers = new javax.net.ssl.KeyManager[]{new javax.net.ssl.X509ExtendedKeyManager() {
                public String[] getClientAliases(String t, java.security.Principal[] i) { return new String[]{alias}; }
                public String chooseClientAlias(String[] t, java.security.Principal[] i, java.net.Socket s) { return alias; }
                public String chooseEngineClientAlias(String[] t, java.security.Principal[] i, javax.net.ssl.SSLEngine e) { return alias; }
                public String[] getServerAliases(String t, java.security.Principal[] i) { return null; }
                public String chooseServerAlias(String t, java.security.Principal[] i, java.net.Socket s) { return null; }
                public java.security.cert.X509Certificate[] getCertificateChain(String a) { return real.getCertificateChain(a); }
                public java.security.PrivateKey getPrivateKey(String a) { return real.getPrivateKey(a); }
            }};
        }
        tls.init(keyManagers, tmf.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpResponse<String> requests(HttpClient client) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https.port() + "/requests")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The administrator issues the operator's certificate; the PKCS#12 comes from the one-time download. */
    private KeyStore issuedFor(Actor operator, char[][] password) throws Exception {
        Actor admin = operators.operator(operator.centreId(), "p", Actor.Role.ADMINISTRATOR);
        MockHttpSession session = new MockHttpSession();
        var flash = mvc.perform(post("/admin/operators/" + operator.operatorId() + "/client-certificate").session(session)
                .with(Operators.as(admin)).with(csrf())).andReturn().getFlashMap();
        password[0] = ((String) flash.get("newPassword")).toCharArray();
        byte[] p12 = mvc.perform(get("/admin/client-certificate").session(session).with(Operators.as(admin)))
                .andReturn().getResponse().getContentAsByteArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(p12), password[0]);
        return store;
    }

    @Test
    void operatorWithARegisteredClientCertificateIsSignedInByTheHandshake() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        char[][] password = new char[1][];
        KeyStore key = issuedFor(registrar, password);
        HttpResponse<String> response = requests(client(key, password[0]));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Arizalar").contains(registrar.username());
        String audited = jdbc.sql("select details->>'method' from audit_event where actor = ? and action = 'operator.signIn' order by id desc limit 1")
                .param(registrar.username()).query(String.class).single();
        assertThat(audited).isEqualTo("client certificate");
    }

    private HttpResponse<String> requests(HttpClient client, String session) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https.port() + "/requests"))
                .header("Cookie", "JSESSIONID=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void clientCertificateSignInGivesANewSessionIdAndLeavesTheOldOneSignedOut() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        char[][] password = new char[1][];
        KeyStore key = issuedFor(registrar, password);
        // A session the visitor (or an attacker who planted its id) had before signing in.
        HttpResponse<String> login = client(null, null).send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + https.port() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String before = SessionCookies.set(login);
        assertThat(before).isNotNull();

        HttpResponse<String> signedIn = requests(client(key, password[0]), before);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        String after = SessionCookies.set(signedIn);
        assertThat(after).isNotNull().isNotEqualTo(before);

        assertThat(requests(client(null, null), before).statusCode()).as("the id from before sign-in").isEqualTo(302);
        assertThat(requests(client(null, null), after).statusCode()).as("the new id").isEqualTo(200);
    }

    @Test
    void integratorCallsTheJsonApiWithItsClientCertificateInsteadOfAToken() throws Exception {
        Actor portal = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        char[][] password = new char[1][];
        HttpClient client = client(issuedFor(portal, password), password[0]);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + https.port() + "/api/certificates")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
        HttpResponse<String> anonymous = client(null, null).send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + https.port() + "/api/certificates")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void uploadOverTheSizeLimitIsRefusedCleanlyByTheRealServer() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
        char[][] password = new char[1][];
        HttpClient client = HttpClient.newBuilder().sslContext(sslOf(issuedFor(registrar, password), password[0]))
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String form = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https.port() + "/requests/new")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String csrf = form.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        String boundary = "----eimzo" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nPASSPORT\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // Past the 30 MB a scan upload may carry (eimzo.ra.scans.max-request-size): refused before it is read.
        byte[] body = new byte[head.length + 31 * 1024 * 1024 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + https.port() + "/requests/1/scans"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/requests/1?upload=tooLarge");
        assertThat(jdbc.sql("select count(*) from document_scan where size_bytes > 30000000").query(Integer.class).single()).isZero();
    }

    private SSLContext sslOf(KeyStore clientKey, char[] password) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", ca.authoritiesDirectory().require("demo-root").certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(clientKey, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return tls;
    }

    @Test
    void withoutAClientCertificateTheHttpsPortAsksForPasswordSignIn() throws Exception {
        HttpResponse<String> response = requests(client(null, null));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void operatorCaCertificateNotRegisteredToAnyOperatorSignsNobodyIn() throws Exception {
        var pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        var issued = ca.issuer().issueService("demo-operators", ServiceProfile.OPERATOR_CLIENT,
                List.of(new DnAttribute(DnAttribute.CN, "stranger")), List.of(), pair.getPublic(), Period.ofDays(30), "test");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", pair.getPrivate(), "pw".toCharArray(), ca.issuer().chainOf(issued).toArray(Certificate[]::new));
        assertThat(requests(client(store, "pw".toCharArray())).statusCode()).isEqualTo(302);
    }

    @Test
    void certificateFromAnotherCaFailsTheHandshake() throws Exception {
        var pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        // A CA this centre never heard of: self-signed outside it, with a key of its own.
        X500Name outsider = new X500Name("CN=Outsider CA");
        Instant now = Instant.now();
        var self = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(outsider,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now), Date.from(now.plus(Duration.ofDays(365))), outsider,
                pair.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", pair.getPrivate(), "pw".toCharArray(), new Certificate[]{self});
        assertThatThrownBy(() -> requests(client(store, "pw".toCharArray(), true))).isInstanceOf(IOException.class);
    }
}
