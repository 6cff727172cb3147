package uz.eimzo.ra.inputs;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import uz.eimzo.monitoring.errors.DirectErrorRequestFilter;

/** Every handler's parameters are checked for unprintable text; {@code GET /error} asked for directly is a 404. */
@Configuration(proxyBeanMethods = false)
class InputConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // First, so that no other interceptor (the language switch reads ?lang=) sees an unchecked parameter.
        registry.addInterceptor(new PrintableParameters()).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Bean
    DirectErrorRequestFilter directErrorRequestFilter(@Value("${server.error.path:/error}") String errorPath) {
        return new DirectErrorRequestFilter(errorPath);
    }
}
