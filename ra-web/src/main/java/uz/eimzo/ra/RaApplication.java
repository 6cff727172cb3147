package uz.eimzo.ra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** The registration and certification application: operators' web UI and the CA core, on port 8080. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RaApplication {

    /** Spring configuration file name, so this app and the responder can share one JVM in the launcher. */
    public static final String CONFIG_NAME = "ra";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(RaApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
