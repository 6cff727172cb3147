package uz.eimzo.ra.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Path;

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
public abstract class RaTestBase extends RunningRa {

    protected static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    protected static final Path DIRECTORY = temporaryDirectory("eimzo-ra-test");
    protected static final String PERSONAL_DATA_KEY = randomKey();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        environment(registry, DATABASE, DIRECTORY, PERSONAL_DATA_KEY);
    }
}
