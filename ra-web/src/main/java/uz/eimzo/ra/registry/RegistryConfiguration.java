package uz.eimzo.ra.registry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The organisations' register: with {@code eimzo.registry.simulator=true} the local simulator, seeded from
 * {@code eimzo.registry.simulator-entries} ({@code STIR:director PINFL:name}, comma-separated). Without it there is no
 * register, and only individuals finish remotely (the default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eimzo.registry.simulator", havingValue = "true")
class RegistryConfiguration {

    @Bean
    OrganisationRegistrySimulator organisationRegistry(@Value("${eimzo.registry.simulator-entries:}") List<String> entries) {
        OrganisationRegistrySimulator simulator = new OrganisationRegistrySimulator();
        for (String entry : entries) {
            String[] parts = entry.strip().split(":", 3);
            if (parts.length != 3) {
                throw new IllegalStateException("eimzo.registry.simulator-entries: each entry is STIR:PINFL:name");
            }
            simulator.register(parts[0].strip(), parts[2].strip(), parts[1].strip());
        }
        return simulator;
    }
}
