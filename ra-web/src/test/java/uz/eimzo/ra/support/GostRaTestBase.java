package uz.eimzo.ra.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Path;

/**
 * The RA application with the launcher's defaults and nothing else: applicants are issued by the GOST-UZ
 * {@code demo-gost-issuing}, as a newcomer's are. The renewal window is widened to 400 days so a fresh one-year
 * certificate is renewable. One shared context and database; tests use fresh identifiers ({@link Operators}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "eimzo.cmp.renewal-window=400d"})
@AutoConfigureMockMvc
public abstract class GostRaTestBase extends RunningRa {

    protected static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    protected static final Path DIRECTORY = temporaryDirectory("eimzo-gost-ra-test");
    protected static final String PERSONAL_DATA_KEY = randomKey();

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        environment(registry, DATABASE, DIRECTORY, PERSONAL_DATA_KEY);
    }
}
