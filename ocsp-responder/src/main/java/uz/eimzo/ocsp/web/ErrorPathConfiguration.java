package uz.eimzo.ocsp.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.monitoring.errors.DirectErrorRequestFilter;

/** {@code GET /error} asked for directly is a 404 here too, never a 500. */
@Configuration(proxyBeanMethods = false)
class ErrorPathConfiguration {

    @Bean
    DirectErrorRequestFilter directErrorRequestFilter(@Value("${server.error.path:/error}") String errorPath) {
        return new DirectErrorRequestFilter(errorPath);
    }
}
