package uz.eimzo.ocsp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ocsp.signing.DelegatedSigners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test CA on a real database and the responder application running against it, with its delegated
 * certificate issued by the CA side exactly as in production.
 */
public final class RunningResponder implements AutoCloseable {

    public final TestCa ca;
    public final ConfigurableApplicationContext context;
    public final Path directory;
    public final int port;
    public final ResponderCertificates caSide;

    private RunningResponder(TestCa ca, ConfigurableApplicationContext context, Path directory, Duration responderValidity) {
        this.ca = ca;
        this.caSide = new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), responderValidity);
        this.context = context;
        this.directory = directory;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static RunningResponder start(TestDatabase db, Path directory) {
        return start(db, directory, Duration.ofDays(7));
    }

    /** @param responderValidity how long the CA side makes the responder's delegated certificates live */
    public static RunningResponder start(TestDatabase db, Path directory, Duration responderValidity, String... extraArguments) {
        return start(db, directory, KeyAlgorithm.EC_P256, responderValidity, extraArguments);
    }

    /** @param caKey the key type of the test root and issuing CA */
    public static RunningResponder start(TestDatabase db, Path directory, KeyAlgorithm caKey, Duration responderValidity,
                                         String... extraArguments) {
        TestCa ca = TestCa.create(db.dataSource(), directory, caKey, java.time.Clock.systemUTC());
        // Command-line arguments, because they outrank application.properties (ports 8081 and 9081 must not be taken).
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--eimzo.ocsp.responder-name=test-responder",
                "--eimzo.ocsp.keys.pkcs12-file=" + directory.resolve("ocsp-keys.p12"),
                "--eimzo.ocsp.keys.password=responder-password",
                "--eimzo.ocsp.keys.check-interval=PT1S"));
        arguments.addAll(List.of(extraArguments));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ResponderApplication.class)
                .run(arguments.toArray(String[]::new));
        RunningResponder responder = new RunningResponder(ca, context, directory, responderValidity);
        responder.certifyResponderKeys();
        return responder;
    }

    /** What the CA side's scheduled job does: certify the keys the responder filed, then wait for it to use them. */
    public void certifyResponderKeys() {
        DelegatedSigners signers = context.getBean(DelegatedSigners.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            caSide.issuePending("ocsp-test");
            if (signers.forCa(ca.issuing.id()).isPresent() && signers.forCa(ca.root.id()).isPresent()) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("The responder never got its delegated certificates");
    }

    public String url() {
        return "http://localhost:" + port + "/ocsp";
    }

    public String base() {
        return "http://localhost:" + port;
    }

    /** Where actuator answers: metrics, probes and health with details. */
    public String management() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.management.port", String.valueOf(port));
    }

    public IssuedCertificate issue(Subject subject, String profile) {
        // A holder's key of the kind the CA certifies: a GOST-UZ CA certifies GOST-UZ keys only.
        KeyAlgorithm algorithm = ca.issuing.keyAlgorithm() == KeyAlgorithm.GOST_UZ ? KeyAlgorithm.GOST_UZ : KeyAlgorithm.EC_P256;
        var key = algorithm.generate(new SecureRandom());
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, profile, subject, key.getPublic(),
                "registrar", RegistrationIds.NONE));
    }

    public Path pem(String name, X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            text.append(Certificates.pem(certificate));
        }
        Path file = directory.resolve(name);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The DER of an OCSP request for one certificate, as openssl writes it. */
    public byte[] requestFor(Path issuer, Path leaf, boolean nonce) {
        Path out = directory.resolve("request-" + System.nanoTime() + ".der");
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-cert",
                leaf.toString(), "-reqout", out.toString(), nonce ? "-nonce" : "-no_nonce"));
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(result.output());
        }
        try {
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command (openssl), returning stdout and stderr together. */
    public static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Exit status and combined output of a command. */
    public record Result(int exit, String output) {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
