package uz.eimzo.tsa.verification;

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
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.tsa.RunningTsa;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signer certified by a recognised external CA: the verification service reads that CA's CRL from the distribution
 * point in the signer's certificate (plain HTTP, a local server here serving real CRLs the external CA signed), and
 * says clearly when it could not.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalCrlStatusTest {

    static final byte[] LETTER = "Xat No 5".getBytes(StandardCharsets.UTF_8);
    static final X500Name EXTERNAL = new X500Name("CN=Other Centre Root CA,O=Other Centre,C=UZ");

    final SecureRandom random = new SecureRandom();
    final AtomicLong serials = new AtomicLong(100);
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    TestCa ca;
    RunningTsa tsa;
    VerificationHttp http;
    HttpServer crls;
    KeyPair externalKeys;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        crls = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crls.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else if (body.length == 0) {
                sleep(3_000); // a CRL server that does not answer in time
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        crls.start();
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-external-crls", KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.verification.crl-max-bytes=4096", "--eimzo.tsa.verification.crl-timeout=PT1S");
        tsa.clockChecked();
        http = new VerificationHttp(tsa.port);
        externalKeys = KeyAlgorithm.EC_P256.generate(random);
        Instant now = Instant.now();
        X509Certificate root = certificate(new JcaX509v3CertificateBuilder(EXTERNAL, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), EXTERNAL,
                externalKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
        ca.services.authorities().recognise("other-centre-root", root, "ceremony");
    }

    @AfterAll
    void stop() {
        tsa.close();
        crls.stop(0);
    }

    /** A holder of the external CA whose certificate names {@code path} on the local CRL server. */
    SignedFixtures.Holder holder(String path) throws Exception {
        KeyPair keys = KeyAlgorithm.EC_P256.generate(random);
        Instant now = Instant.now();
        GeneralName url = new GeneralName(GeneralName.uniformResourceIdentifier,
                "http://127.0.0.1:" + crls.getAddress().getPort() + path);
        X509Certificate certificate = certificate(new JcaX509v3CertificateBuilder(EXTERNAL,
                BigInteger.valueOf(serials.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("CN=Boshqa Markaz Mijozi,C=UZ"), keys.getPublic())
                .addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                        new DistributionPoint(new DistributionPointName(new GeneralNames(url)), null, null)})));
        return new SignedFixtures.Holder(keys, certificate, List.of(certificate));
    }

    /** A CRL of the external CA (signed with {@code signer}) listing {@code revoked}, revoked an hour from now at most. */
    byte[] crl(KeyPair signer, Instant revokedAt, X509Certificate... revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(EXTERNAL, Date.from(now.minus(Duration.ofMinutes(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(revokedAt), CRLReason.keyCompromise);
        }
        return builder.build(new KeyContentSigner(InMemorySigningKey.of(signer))).getEncoded();
    }

    JsonNode verified(SignedFixtures.Holder holder) throws Exception {
        VerificationHttp.Answer answer = http.verify(http.stamp(SignedFixtures.sign(holder, LETTER, true)));
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(200);
        return answer.json().get("signers").get(0);
    }

    @Test
    void aSignerNotOnItsCasCrlIsValidWithTheStatusReadFromTheCrl() throws Exception {
        SignedFixtures.Holder holder = holder("/good.crl");
        served.put("/good.crl", crl(externalKeys, Instant.now()));

        JsonNode signer = verified(holder);

        assertThat(signer.get("verdict").asString()).isEqualTo("VALID");
        assertThat(signer.get("status").get("source").asString()).isEqualTo("CRL");
        assertThat(signer.get("status").get("now").asString()).isEqualTo("GOOD");
    }

    @Test
    void aSignerRevokedOnItsCasCrlAfterTheTimeStampedSigningTimeWasValidWhenItSigned() throws Exception {
        SignedFixtures.Holder holder = holder("/revoked-later.crl");
        byte[] stamped = http.stamp(SignedFixtures.sign(holder, LETTER, true));
        Thread.sleep(1_100); // CRL times have whole seconds: the revocation lands after the token's time
        served.put("/revoked-later.crl", crl(externalKeys, Instant.now(), holder.certificate()));

        JsonNode signer = http.verify(stamped).json().get("signers").get(0);

        assertThat(signer.get("verdict").asString()).isEqualTo("REVOKED_AFTER_SIGNING");
        assertThat(signer.get("status").get("source").asString()).isEqualTo("CRL");
        assertThat(signer.get("status").get("now").asString()).isEqualTo("REVOKED");
        assertThat(signer.get("status").get("atSigningTime").asString()).isEqualTo("GOOD");
        assertThat(signer.get("status").get("revocationReason").asInt()).isEqualTo(CRLReason.keyCompromise);
    }

    @Test
    void aSignerRevokedBeforeTheTimeStampedSigningTimeIsRevokedBeforeSigning() throws Exception {
        SignedFixtures.Holder holder = holder("/revoked-before.crl");
        served.put("/revoked-before.crl", crl(externalKeys, Instant.now().minus(Duration.ofMinutes(30)), holder.certificate()));

        assertThat(verified(holder).get("verdict").asString()).isEqualTo("REVOKED_BEFORE_SIGNING");
    }

    @Test
    void aCrlThatCannotBeFetchedLeavesTheStatusClearlyNotChecked() throws Exception {
        assertThat(verified(holder("/missing.crl")).get("status").get("source").asString()).isEqualTo("NOT_CHECKED");

        SignedFixtures.Holder slow = holder("/slow.crl");
        served.put("/slow.crl", new byte[0]);
        long start = System.nanoTime();
        JsonNode signer = verified(slow);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_900));
        assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
        assertThat(signer.get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
    }

    @Test
    void aCrlOverTheSizeLimitIsNotRead() throws Exception {
        SignedFixtures.Holder holder = holder("/huge.crl");
        byte[] huge = new byte[5_000];
        byte[] real = crl(externalKeys, Instant.now(), holder.certificate());
        System.arraycopy(real, 0, huge, 0, real.length);
        served.put("/huge.crl", huge);

        assertThat(verified(holder).get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
    }

    @Test
    void aCrlNotSignedByTheCertificatesIssuerIsNotBelieved() throws Exception {
        SignedFixtures.Holder holder = holder("/forged.crl");
        served.put("/forged.crl", crl(KeyAlgorithm.EC_P256.generate(random), Instant.now()));

        JsonNode signer = verified(holder);

        assertThat(signer.get("status").get("source").asString()).isEqualTo("NOT_CHECKED");
        assertThat(signer.get("verdict").asString()).isEqualTo("VALID_STATUS_NOT_CHECKED");
    }

    private X509Certificate certificate(X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new KeyContentSigner(InMemorySigningKey.of(externalKeys))));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
