package uz.eimzo.ocsp;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.testing.ConfigurationReference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationReferenceTest {

    @Test
    void everyPropertyTheResponderBindsIsInTheConfigurationReference() throws Exception {
        Set<String> bound = ConfigurationReference.boundProperties(Path.of("src", "main", "java"));

        assertThat(bound).contains("eimzo.ocsp.keys.pkcs12-file", "eimzo.ocsp.response-validity");
        assertThat(ConfigurationReference.undocumented(bound, Files.readString(Path.of("..", "docs", "configuration.md"))))
                .isEmpty();
    }
}
