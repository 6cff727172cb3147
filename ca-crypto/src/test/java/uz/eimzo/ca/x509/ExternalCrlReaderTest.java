package uz.eimzo.ca.x509;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.ExternalCrlReader.TrustedCrl;
import uz.eimzo.ca.x509.UnusableCrlException.Reason;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Another CA's CRL read from a local HTTP server serving real CRLs that CA signed: believed only when it names the
 * issuer, verifies under the issuer's key and is current; every other answer is a clear, typed refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalCrlReaderTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final X500Name ISSUER = new X500Name("CN=Other Centre Root CA,O=Other Centre,C=UZ");
    static final int MAX_BYTES = 4096;

    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer server;
    SigningKey issuerKey;
    X509Certificate issuer;
    ExternalCrlReader reader;

    @BeforeAll
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] body = served.get(path);
            if (path.equals("/redirect.crl")) {
                exchange.getResponseHeaders().add("Location", url("/good.crl"));
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/slow.crl")) {
                sleep(3_000);
                exchange.sendResponseHeaders(404, -1);
            } else if (path.equals("/trickle.crl")) {
                exchange.sendResponseHeaders(200, 0);
                trickle(exchange.getResponseBody());
            } else if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                // Chunked (length 0) for paths ending in .chunked: no Content-Length to judge the size by.
                exchange.sendResponseHeaders(200, path.endsWith(".chunked") ? 0 : body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.setExecutor(handlers); // a slow answer must not hold up the next test's
        server.start();
        issuerKey = InMemorySigningKey.generate(KeyAlgorithm.EC_P256);
        issuer = certificate(ISSUER, issuerKey);
        reader = new ExternalCrlReader(Duration.ofSeconds(1), MAX_BYTES, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void aCurrentCrlTheIssuerSignedIsTrustedAndShowsANotListedCertificateNotRevoked() throws Exception {
        served.put("/good.crl", crl(ISSUER, issuerKey, NOW.minusSeconds(60), NOW.plusSeconds(86_400)));

        TrustedCrl trusted = reader.read(url("/good.crl"), issuer);

        assertThat(trusted.source()).isEqualTo(url("/good.crl"));
        assertThat(trusted.crl().getRevokedCertificate(BigInteger.valueOf(42))).isNull();
    }

    @Test
    void aRevokedCertificateIsListedInTheTrustedCrl() throws Exception {
        served.put("/revoked.crl", crl(ISSUER, issuerKey, NOW.minusSeconds(60), NOW.plusSeconds(86_400), BigInteger.valueOf(42)));

        TrustedCrl trusted = reader.read(url("/revoked.crl"), issuer);

        assertThat(trusted.crl().getRevokedCertificate(BigInteger.valueOf(42))).isNotNull();
        assertThat(trusted.crl().getRevokedCertificate(BigInteger.valueOf(42)).getRevocationReason())
                .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    }

    @Test
    void aGostUzCasCrlIsVerifiedWithItsGostKey() throws Exception {
        SigningKey gostKey = InMemorySigningKey.generate(KeyAlgorithm.GOST_UZ);
        X500Name name = new X500Name("CN=GOST Centre Root CA,C=UZ");
        X509Certificate gostIssuer = certificate(name, gostKey);
        served.put("/gost.crl", crl(name, gostKey, NOW.minusSeconds(60), NOW.plusSeconds(86_400), BigInteger.TEN));

        TrustedCrl trusted = reader.read(url("/gost.crl"), gostIssuer);

        assertThat(trusted.crl().getRevokedCertificate(BigInteger.TEN)).isNotNull();
    }

    @Test
    void aCrlSignedByAnotherKeyUnderTheIssuersNameIsForged() throws Exception {
        served.put("/forged.crl", crl(ISSUER, InMemorySigningKey.generate(KeyAlgorithm.EC_P256), NOW.minusSeconds(60),
                NOW.plusSeconds(86_400)));

        assertUnusable(() -> reader.read(url("/forged.crl"), issuer), Reason.FORGED);
    }

    @Test
    void aCrlOfAnotherIssuerIsNotTheIssuers() throws Exception {
        served.put("/other.crl", crl(new X500Name("CN=Someone Else,C=UZ"), issuerKey, NOW.minusSeconds(60),
                NOW.plusSeconds(86_400)));

        assertUnusable(() -> reader.read(url("/other.crl"), issuer), Reason.WRONG_ISSUER);
    }

    @Test
    void aCrlPastItsNextUpdateIsStale() throws Exception {
        served.put("/stale.crl", crl(ISSUER, issuerKey, NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(1)));

        assertUnusable(() -> reader.read(url("/stale.crl"), issuer), Reason.NOT_CURRENT);
    }

    @Test
    void aCrlDatedBeyondTheClockSkewIsNotCurrentButWithinItIs() throws Exception {
        served.put("/future.crl", crl(ISSUER, issuerKey, NOW.plus(Duration.ofMinutes(6)), NOW.plus(Duration.ofDays(1))));
        served.put("/skewed.crl", crl(ISSUER, issuerKey, NOW.plus(Duration.ofMinutes(4)), NOW.plus(Duration.ofDays(1))));

        assertUnusable(() -> reader.read(url("/future.crl"), issuer), Reason.NOT_CURRENT);
        assertThat(reader.read(url("/skewed.crl"), issuer).crl()).isNotNull();
    }

    @Test
    void aCrlOverTheByteLimitIsNotReadWhetherItsLengthIsDeclaredOrNot() throws Exception {
        byte[] large = crl(ISSUER, issuerKey, NOW.minusSeconds(60), NOW.plusSeconds(86_400),
                java.util.stream.LongStream.rangeClosed(1, 200).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new));
        assertThat(large.length).isGreaterThan(MAX_BYTES);
        served.put("/large.crl", large);
        served.put("/large.chunked", large);

        assertUnusable(() -> reader.read(url("/large.crl"), issuer), Reason.TOO_LARGE);
        assertUnusable(() -> reader.read(url("/large.chunked"), issuer), Reason.TOO_LARGE);
        assertUnusable(() -> reader.trusted("file", large, issuer), Reason.TOO_LARGE);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnreachableAfterTheTimeout() {
        long start = System.nanoTime();

        assertUnusable(() -> reader.read(url("/slow.crl"), issuer), Reason.UNREACHABLE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aBodyTrickledPastTheTimeoutIsCutOffAtTheTimeout() {
        long start = System.nanoTime();

        assertUnusable(() -> reader.read(url("/trickle.crl"), issuer), Reason.UNREACHABLE);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aMissingCrlIsAnHttpError() {
        UnusableCrlException refused = assertUnusable(() -> reader.read(url("/missing.crl"), issuer), Reason.HTTP_STATUS);

        assertThat(refused.getMessage()).isEqualTo("HTTP 404");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        served.put("/good.crl", crl(ISSUER, issuerKey, NOW.minusSeconds(60), NOW.plusSeconds(86_400)));
        int before = requests.get();

        UnusableCrlException refused = assertUnusable(() -> reader.read(url("/redirect.crl"), issuer), Reason.HTTP_STATUS);

        assertThat(refused.getMessage()).isEqualTo("HTTP 302");
        assertThat(requests.get() - before).isEqualTo(1);
    }

    @Test
    void aPemCrlIsReadLikeItsDer() throws Exception {
        byte[] der = crl(ISSUER, issuerKey, NOW.minusSeconds(60), NOW.plusSeconds(86_400), BigInteger.TWO);
        served.put("/pem.crl", Pem.encode("X509 CRL", der).getBytes(StandardCharsets.US_ASCII));

        assertThat(reader.read(url("/pem.crl"), issuer).crl().getEncoded()).isEqualTo(der);
    }

    @Test
    void bytesThatAreNotACrlAreSaidToBeSo() {
        served.put("/html.crl", "<html>maintenance</html>".getBytes(StandardCharsets.US_ASCII));

        assertUnusable(() -> reader.read(url("/html.crl"), issuer), Reason.NOT_A_CRL);
    }

    @Test
    void onlyHttpUrlsAreFetched() {
        assertUnusable(() -> reader.fetch("ldap://directory.example/cn=crl"), Reason.NOT_HTTP);
        assertUnusable(() -> reader.fetch("/etc/passwd"), Reason.NOT_HTTP);
    }

    @Test
    void theHttpDistributionPointsAreReadInOrderAndOthersSkipped() throws Exception {
        X509Certificate holder = holder("http://a.example/1.crl", "ldap://b.example/cn=crl", "HTTPS://c.example/3.crl");

        assertThat(ExternalCrlReader.distributionPoints(holder))
                .containsExactly("http://a.example/1.crl", "HTTPS://c.example/3.crl");
        assertThat(ExternalCrlReader.distributionPoints(issuer)).isEmpty();
    }

    private UnusableCrlException assertUnusable(Read read, Reason reason) {
        try {
            read.run();
        } catch (UnusableCrlException e) {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
            return e;
        }
        throw new AssertionError("expected " + reason);
    }

    private interface Read {
        void run() throws UnusableCrlException;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static byte[] crl(X500Name name, SigningKey key, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked)
            throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(thisUpdate.minusSeconds(3600)), CRLReason.keyCompromise);
        }
        return builder.build(new KeyContentSigner(key)).getEncoded();
    }

    private static X509Certificate certificate(X500Name name, SigningKey key) throws Exception {
        return parsed(new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(NOW.minus(Duration.ofDays(1))),
                Date.from(NOW.plus(Duration.ofDays(365))), name, key.publicKey())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), key);
    }

    private X509Certificate holder(String... urls) throws Exception {
        DistributionPoint[] points = new DistributionPoint[urls.length];
        for (int i = 0; i < urls.length; i++) {
            points[i] = new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, urls[i]))), null, null);
        }
        SigningKey holderKey = InMemorySigningKey.generate(KeyAlgorithm.EC_P256);
        return parsed(new JcaX509v3CertificateBuilder(ISSUER, BigInteger.TWO, Date.from(NOW.minus(Duration.ofDays(1))),
                Date.from(NOW.plus(Duration.ofDays(30))), new X500Name("CN=Holder,C=UZ"), holderKey.publicKey())
                .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points)), issuerKey);
    }

    private static X509Certificate parsed(X509v3CertificateBuilder builder, SigningKey signer) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(builder.build(new KeyContentSigner(signer)).getEncoded()));
    }

    private static void trickle(OutputStream body) {
        try {
            for (int i = 0; i < 30; i++) {
                body.write(0x30);
                body.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException gone) {
            // The reader gave up: what this test wants.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
