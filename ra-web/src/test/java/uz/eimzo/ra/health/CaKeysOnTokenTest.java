package uz.eimzo.ra.health;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaKeyStore;
import uz.eimzo.ca.keys.Pkcs11KeyStorage;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.DnAttribute;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The caKeys health check against CA keys on a real PKCS#11 token (SoftHSM2 through SunPKCS11). */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaKeysOnTokenTest {

    private static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");

    final String label = "eimzo-health-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;
    Pkcs11KeyStorage token;
    CaServices services;

    @BeforeAll
    void createCasOnTheToken(DataSource dataSource, @TempDir Path directory) throws Exception {
        assumeTrue(Files.isReadable(LIBRARY), "SoftHSM2 is not installed: PKCS#11 health test skipped");
        String init = run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", "1234", "--so-pin", "5678");
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
        assertThat(slot.find()).as(init).isTrue();
        Path config = Files.writeString(directory.resolve("pkcs11.cfg"),
                "name = eimzo-health\nlibrary = " + LIBRARY + "\nslot = " + slot.group(1) + "\n");
        token = new Pkcs11KeyStorage(config.toString(), "1234".toCharArray());
        services = CaServices.create(dataSource, new CaSigner(List.of(token)),
                ProfileCatalog.defaults(ProfileCatalog.DEFAULT_POLICY_ARC, "http://localhost:8080/cps",
                        EnumSet.of(KeyAlgorithm.EC_P256), KeyAlgorithm.EC_P256),
                new PublicationUrls("http://localhost:8081"), Clock.systemUTC());
        var subject = List.of(new DnAttribute(DnAttribute.CN, "HSM Health Root"), new DnAttribute(DnAttribute.O, "E-IMZO Test"),
                new DnAttribute(DnAttribute.C, "UZ"));
        services.authorities().createRoot("hsm-root", subject, KeyAlgorithm.EC_P256, Period.ofYears(10), new CaKeyStore(token), "ceremony");
        services.authorities().createIssuing("hsm-root", "hsm-issuing", List.of(new DnAttribute(DnAttribute.CN, "HSM Health Issuing"),
                new DnAttribute(DnAttribute.O, "E-IMZO Test"), new DnAttribute(DnAttribute.C, "UZ")),
                KeyAlgorithm.RSA_2048, Period.ofYears(5), new CaKeyStore(token), "ceremony");
    }

    @AfterAll
    void deleteToken() throws Exception {
        if (token != null) {
            run("softhsm2-util", "--delete-token", "--token", label);
        }
    }

    @Test
    void keysOnATokenThatAnswersAreUsable() {
        Health health = new CaKeysHealthIndicator(services.authoritiesDirectory(),
                new CaSigner(List.of(token)).keyProbe(), List.of(), Duration.ZERO).health();

        assertThat(health.getStatus().getCode()).isEqualTo("UP");
        assertThat(health.getDetails()).containsEntry("hsm-root", "usable").containsEntry("hsm-issuing", "usable");
    }

    @Test
    void aRequiredCaThatDoesNotExistIsDown() {
        Health health = new CaKeysHealthIndicator(services.authoritiesDirectory(),
                new CaSigner(List.of(token)).keyProbe(), List.of("hsm-issuing", "no-such-ca"), Duration.ZERO).health();

        assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(health.getDetails()).containsEntry("hsm-issuing", "usable").containsEntry("no-such-ca", "no such CA");
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
