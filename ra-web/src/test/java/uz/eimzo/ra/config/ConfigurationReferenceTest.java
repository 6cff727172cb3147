package uz.eimzo.ra.config;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.testing.ConfigurationReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationReferenceTest {

    private static final Path REFERENCE = Path.of("..", "docs", "configuration.md");

    @Test
    void everyPropertyTheRaBindsIsInTheConfigurationReference() throws Exception {
        Set<String> bound = ConfigurationReference.boundProperties(Path.of("src", "main", "java"));

        assertThat(bound).contains("eimzo.ca.pkcs11-config", "eimzo.ra.personal-data-key", "eimzo.cmp.renewal-window",
                "eimzo.ca.crl-round");
        assertThat(ConfigurationReference.undocumented(bound, Files.readString(REFERENCE))).isEmpty();
    }

    @Test
    void aPropertyMissingFromTheReferenceIsNamed() {
        String reference = "| `eimzo.ca.pkcs12` | none | the file |\n| `eimzo.ca.profile-validity.<profile>` | … |";

        assertThat(ConfigurationReference.undocumented(
                Set.of("eimzo.ca.pkcs12", "eimzo.ca.pkcs12-password", "eimzo.ca.profile-validity"), reference))
                .containsExactly("eimzo.ca.pkcs12-password");
    }
}
