package uz.eimzo.tsa;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.testing.ConfigurationReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationReferenceTest {

    @Test
    void everyPropertyTheTsaBindsIsInTheConfigurationReference() throws Exception {
        Set<String> bound = ConfigurationReference.boundProperties(Path.of("src", "main", "java"));

        assertThat(bound).contains("eimzo.tsa.keys.pkcs12-file", "eimzo.tsa.accuracy", "eimzo.tsa.clock.max-age");
        assertThat(ConfigurationReference.undocumented(bound, Files.readString(Path.of("..", "docs", "configuration.md"))))
                .isEmpty();
    }
}
