package uz.eimzo.ra.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ra.operator.OperatorDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The RA application as the launcher starts it (demo hierarchies bootstrapped) on a real PostgreSQL; every
 * subclass shares one application context and database, so tests use fresh identifiers ({@link Operators}).
 * Applicants here are issued by the ECDSA {@code demo-issuing}, named explicitly: these tests check interoperability
 * with standard tools (openssl, WebCrypto P-256, browsers), which have no GOST-UZ. The launcher's default, GOST-UZ
 * {@code demo-gost-issuing}, is tested with {@code GostRaTestBase}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "eimzo.ra.issuing-ca=demo-issuing"})
@AutoConfigureMockMvc
public abstract class RaTestBase {

    protected static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    protected static final Path DIRECTORY = temporaryDirectory();
    protected static final String PERSONAL_DATA_KEY = randomKey();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("eimzo.ca.pkcs12", () -> DIRECTORY.resolve("demo-ca.p12").toString());
        registry.add("eimzo.ca.demo-credentials", () -> DIRECTORY.resolve("demo-operators.txt").toString());
        registry.add("eimzo.ra.personal-data-key", () -> PERSONAL_DATA_KEY);
        registry.add("eimzo.ra.https-port", () -> "0");
        registry.add("eimzo.ra.tls-keystore", () -> DIRECTORY.resolve("tls.p12").toString());
    }

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

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("eimzo-ra-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
