package uz.eimzo.ocsp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The OCSP responder and CRL publisher: its own process, reading the CA's database, holding only its own keys. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ResponderApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResponderApplication.class, args);
    }
}
