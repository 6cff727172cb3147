package uz.eimzo.ra.archfixture;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fixture, breaks the storage rules: wiring may hand the client to a store, but not run SQL itself. */
@Configuration
class WiringThatQueries {

    @Bean
    RequestStore requests(JdbcClient jdbc) {
        jdbc.sql("delete from request").update();
        return new RequestStore(jdbc);
    }
}
