package uz.eimzo.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

import java.util.Locale;
import uz.eimzo.ra.home.OneTimePages;

/** Uzbek (Latin) first; {@code ?lang=ru} or {@code ?lang=en} switches and is remembered in a cookie. */
@Configuration(proxyBeanMethods = false)
public class LanguageConfiguration implements WebMvcConfigurer {

    public static final Locale UZBEK = Locale.forLanguageTag("uz");

    private final OneTimePages oneTimePages;

    LanguageConfiguration(OneTimePages oneTimePages) {
        this.oneTimePages = oneTimePages;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("eimzo-lang");
        resolver.setDefaultLocale(UZBEK);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        registry.addInterceptor(interceptor);
        // A secret shown once after a redirect is shown again when the language is switched on its page.
        registry.addInterceptor(oneTimePages);
    }
}
