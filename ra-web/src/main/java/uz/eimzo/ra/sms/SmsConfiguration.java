package uz.eimzo.ra.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * With {@code eimzo.sms.enabled=true}: Eskiz.uz's API ({@code eimzo.sms.provider=eskiz}), the generic HTTP gateway at
 * {@code eimzo.sms.url}, or, in the demo without a URL, the demo's SMS box. Outside the demo a missing URL stops the start rather than dropping texts silently.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eimzo.sms.enabled", havingValue = "true")
class SmsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

    @Bean
    SmsSender smsSender(SmsProperties properties, @Value("${eimzo.ca.demo:false}") boolean demo,
                        @Value("${eimzo.ca.demo-credentials:demo-operators.txt}") Path credentials, Clock clock) {
        if (properties.provider() == SmsProperties.Provider.ESKIZ) {
            if (properties.eskizEmail().isBlank() || properties.eskizPassword().isBlank()) {
                throw new IllegalStateException("eimzo.sms.provider=eskiz needs eimzo.sms.eskiz-email and eimzo.sms.eskiz-password");
            }
            return new EskizSmsGateway(URI.create(properties.url().isBlank() ? SmsProperties.ESKIZ_BASE : properties.url()),
                    properties.eskizEmail(), properties.eskizPassword(), properties.from(), properties.connectTimeout(),
                    properties.timeout(), new Retries(properties.attempts(), properties.retryBackoff()));
        }
        if (!properties.url().isBlank()) {
            return new HttpSmsGateway(URI.create(properties.url()), properties.token(), properties.from(),
                    properties.connectTimeout(), properties.timeout(),
                    new Retries(properties.attempts(), properties.retryBackoff()));
        }
        if (demo) {
            DemoSmsBox box = new DemoSmsBox(credentials.toAbsolutePath().getParent().resolve("demo-sms"), clock);
            log.info("Demo: applicants' SMS are written to {}", box.directory());
            return box;
        }
        throw new IllegalStateException("eimzo.sms.enabled=true needs eimzo.sms.url (the SMS gateway)");
    }
}
