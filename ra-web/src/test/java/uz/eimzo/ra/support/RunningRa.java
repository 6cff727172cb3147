package uz.eimzo.ra.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.MockMvc;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ra.operator.OperatorDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What every test of the running RA application gets, whichever settings its base starts the application with
 * ({@link RaTestBase}, {@link GostRaTestBase}): the application's own beans and a fresh-identifier helper; and how a
 * base points its application at its own database and directory.
 */
public abstract class RunningRa {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected CaServices ca;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected OperatorDirectory directory;
    @Autowired
    protected PasswordEncoder passwords;
    @LocalServerPort
    protected int port;

    protected Operators operators;

    @BeforeEach
    void operators() {
        operators = new Operators(jdbc, directory, passwords);
    }

    /** The database, key files, demo credentials and personal-data key of one base's application context. */
    protected static void environment(DynamicPropertyRegistry registry, TestDatabase database, Path directory, String personalDataKey) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("eimzo.ca.pkcs12", () -> directory.resolve("demo-ca.p12").toString());
        registry.add("eimzo.ca.demo-credentials", () -> directory.resolve("demo-operators.txt").toString());
        registry.add("eimzo.ra.personal-data-key", () -> personalDataKey);
        registry.add("eimzo.ra.https-port", () -> "0");
        registry.add("eimzo.ra.tls-keystore", () -> directory.resolve("tls.p12").toString());
    }

    protected static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
