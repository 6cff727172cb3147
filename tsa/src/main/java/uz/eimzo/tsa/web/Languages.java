package uz.eimzo.tsa.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * The language of problem texts: the best of Uzbek, Russian and English the Accept-Language header asks for; Uzbek,
 * the state language, when it asks for none of them or there is no header. Relying parties are programs, so the
 * header is the only signal (no cookie, no parameter).
 */
@Configuration(proxyBeanMethods = false)
class Languages {

    static final Locale UZBEK = Locale.of("uz");

    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(UZBEK, Locale.of("ru"), Locale.ENGLISH));
        resolver.setDefaultLocale(UZBEK);
        return resolver;
    }
}
