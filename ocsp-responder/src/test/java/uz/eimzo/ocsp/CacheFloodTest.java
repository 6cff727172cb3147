package uz.eimzo.ocsp;

import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.protocol.OcspResponses;

import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of requests for many different serials of a served CA (every certificate it issued, and random serials it
 * never did) must not push a hot answer out of the responder's cache. Measured through the documented
 * {@code eimzo.ocsp.cache} hit/miss meter, on real HTTP requests, so it holds whatever cache sits behind it.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheFloodTest {

    // Small, so that a flood of ten times as many answers as the cache holds is quick to send.
    private static final int CACHE_ENTRIES = 32;
    private static final int FLOOD_CERTIFICATES = 10 * CACHE_ENTRIES;

    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    private RunningResponder responder;
    private X509CertificateHolder issuer;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        responder = RunningResponder.start(db, directory, Duration.ofDays(7),
                "--eimzo.ocsp.cache-max-entries=" + CACHE_ENTRIES);
        issuer = new X509CertificateHolder(Certificates.der(responder.ca.issuing.certificate()));
    }

    @AfterAll
    void stop() {
        responder.close();
    }

    @Test
    void hotAnswerStaysCachedWhileRandomSerialsFloodTheResponder() throws Exception {
        byte[] hot = request(issue());
        List<BigInteger> issued = new ArrayList<>();
        for (int i = 0; i < FLOOD_CERTIFICATES; i++) {
            issued.add(issue());
        }
        post(hot);
        post(hot);

        int hotHits = 0;
        int hotLookups = 0;
        for (BigInteger serial : issued) {
            for (BigInteger flood : List.of(serial, new BigInteger(64, random))) {
                post(request(flood));
                double hitsBefore = cacheLookups("hit");
                double missesBefore = cacheLookups("miss");
                post(hot);
                hotHits += (int) (cacheLookups("hit") - hitsBefore);
                hotLookups += (int) (cacheLookups("hit") - hitsBefore + cacheLookups("miss") - missesBefore);
            }
        }

        assertThat(hotLookups).as("every hot request is a cache look-up").isEqualTo(2 * FLOOD_CERTIFICATES);
        assertThat((double) hotHits / hotLookups).as("hot answer's hit rate during the flood (%d of %d)", hotHits, hotLookups)
                .isGreaterThan(0.99);
    }

    private BigInteger issue() {
        return responder.issue(TestCa.individual(), "individual").serial();
    }

    private double cacheLookups(String result) {
        return responder.context.getBean(MeterRegistry.class).get("eimzo.ocsp.cache").tag("result", result).counter().count();
    }

    /** A nonce-free request for one serial of the issuing CA: the kind the cache serves. */
    private byte[] request(BigInteger serial) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                issuer, serial);
        return new OCSPReqBuilder().addRequest(id).build().getEncoded();
    }

    private void post(byte[] request) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(responder.url()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(OcspResponses.status(response.body())).as("OCSP response status").isZero();
    }
}
