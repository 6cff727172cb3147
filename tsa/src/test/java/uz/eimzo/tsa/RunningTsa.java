package uz.eimzo.tsa;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.tsa.signing.TsaSigners;
import uz.eimzo.tsa.timing.ClockCheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TSA application against a real database, its key certified by the CA side exactly as the CA's scheduled job
 * does it ({@link ResponderCertificates#issuePending}).
 */
public final class RunningTsa implements AutoCloseable {

    public final ConfigurableApplicationContext context;
    public final int port;
    /** The CA side: what the CA nodes' scheduled job runs. */
    public final ResponderCertificates caSide;

    private RunningTsa(ConfigurableApplicationContext context, ResponderCertificates caSide) {
        this.context = context;
        this.caSide = caSide;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * @param clock the TSA's clock (a drifting one in tests of the clock check)
     */
    public static RunningTsa start(TestDatabase db, TestCa ca, Path directory, String name, KeyAlgorithm key, Clock clock,
                                   String... extraArguments) {
        return start(db, ca, directory, name, key, clock, Duration.ofDays(30), extraArguments);
    }

    /** @param certificateValidity how long the CA side makes the TSA's certificates live */
    public static RunningTsa start(TestDatabase db, TestCa ca, Path directory, String name, KeyAlgorithm key, Clock clock,
                                   Duration certificateValidity, String... extraArguments) {
        return start(db, ca.services, directory, name, key, clock, certificateValidity, extraArguments);
    }

    /** @param caSide the CA services whose issuer certifies the TSA key (their clock dates its certificate) */
    public static RunningTsa start(TestDatabase db, CaServices caSide, Path directory, String name, KeyAlgorithm key,
                                   Clock clock, Duration certificateValidity, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.config.name=" + TsaApplication.CONFIG_NAME,
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--eimzo.tsa.name=" + name,
                "--eimzo.tsa.ca=" + TestCa.ISSUING,
                "--eimzo.tsa.keys.algorithm=" + key.name(),
                "--eimzo.tsa.keys.pkcs12-file=" + directory.resolve(name + "-keys.p12"),
                "--eimzo.tsa.keys.password=tsa-password",
                "--eimzo.tsa.keys.check-interval=PT0.5S",
                "--eimzo.tsa.clock.check-interval=PT0.5S"));
        arguments.addAll(List.of(extraArguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TsaApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", clock))
                .run(arguments.toArray(String[]::new));
        RunningTsa tsa = new RunningTsa(context, new ResponderCertificates(JdbcClient.create(db.dataSource()),
                caSide.authoritiesDirectory(), caSide.issuer(), Duration.ofDays(7), certificateValidity));
        tsa.certify();
        return tsa;
    }

    /** What the CA's scheduled job does: certify the key the TSA filed, then wait until it signs with it. */
    private void certify() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            caSide.issuePending("tsa-test");
            if (context.getBean(TsaSigners.class).current().isPresent()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("The TSA never got its certificate");
    }

    /** Waits until the clock check has an opinion, whatever it is. */
    public ClockCheck clockChecked() {
        ClockCheck check = context.getBean(ClockCheck.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (check.last() == null && System.nanoTime() < deadline) {
            sleep(50);
        }
        return check;
    }

    public String url() {
        return "http://localhost:" + port + "/tsa";
    }

    /** POSTs a body as application/timestamp-query and returns the reply's bytes (asserting HTTP 200). */
    public byte[] post(byte[] body) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url()))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/timestamp-reply")) {
                throw new IllegalStateException("content type " + response.headers().firstValue("Content-Type"));
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
