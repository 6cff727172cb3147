package uz.eimzo.ra.sms;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eimzo.sms.provider} picks the gateway's API; Eskiz without its credentials stops the start. */
class SmsProviderChoiceTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SmsProperties.class)
    static class Settings {
        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, SmsConfiguration.class).withPropertyValues("eimzo.sms.enabled=true");

    @Test
    void eskizWithItsAccountIsTheEskizAdapter() {
        context.withPropertyValues("eimzo.sms.provider=eskiz", "eimzo.sms.eskiz-email=sms@markaz.uz",
                        "eimzo.sms.eskiz-password=parol")
                .run(started -> assertThat(started.getBean(SmsSender.class)).isInstanceOf(EskizSmsGateway.class));
    }

    @Test
    void eskizWithoutItsAccountStopsTheStart() {
        context.withPropertyValues("eimzo.sms.provider=eskiz")
                .run(started -> assertThat(started).hasFailed().getFailure().hasStackTraceContaining("eimzo.sms.eskiz-email"));
    }

    @Test
    void theDefaultIsTheGenericGateway() {
        context.withPropertyValues("eimzo.sms.url=http://127.0.0.1:9/send")
                .run(started -> assertThat(started.getBean(SmsSender.class)).isInstanceOf(HttpSmsGateway.class));
    }
}
