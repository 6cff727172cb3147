package uz.eimzo.tsa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** The time-stamp authority: its own process, holding only its own key, writing only its token records. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TsaApplication {

    /** Settings file {@code tsa.properties}: not application.properties, which the responder's jar also has. */
    public static final String CONFIG_NAME = "tsa";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(TsaApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
