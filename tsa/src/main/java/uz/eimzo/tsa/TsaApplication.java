package uz.eimzo.tsa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The time-stamp authority: its own process, holding only its own key, writing only its token records. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TsaApplication {

    public static void main(String[] args) {
        SpringApplication.run(TsaApplication.class, args);
    }
}
