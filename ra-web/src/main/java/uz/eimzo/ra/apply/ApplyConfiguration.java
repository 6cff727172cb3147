package uz.eimzo.ra.apply;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.registration.ApplicationNotices;
import uz.eimzo.ca.registration.EmailConfirmation;
import uz.eimzo.ca.registration.OnlineApplications;
import uz.eimzo.ca.registration.OrganisationRegistry;
import uz.eimzo.ca.registration.PersonalDataCipher;
import uz.eimzo.ca.registration.PhoneConfirmation;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.registration.RemoteCollection;
import uz.eimzo.ca.registration.RemoteIdentityTypesStore;
import uz.eimzo.ra.limits.ApplicationLimits;
import uz.eimzo.ra.sms.SmsSender;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * Wires apply online: the core's online applications, remote collection and notices, the rate limits of the public
 * form, and a sweep that sends the status e-mails every {@code eimzo.apply.notice-every} (claims keep several nodes
 * from sending one notice twice).
 */
@Configuration(proxyBeanMethods = false)
class ApplyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApplyConfiguration.class);

    @Bean
    OnlineApplications onlineApplications(CaServices ca, JdbcClient jdbc, DataSource dataSource, Registrations registrations,
                                          PersonalDataCipher cipher, Clock clock) {
        return new OnlineApplications(jdbc, transactions(dataSource), ca.audit(), registrations, cipher, clock);
    }

    @Bean
    RemoteCollection remoteCollection(CaServices ca, JdbcClient jdbc, DataSource dataSource, Registrations registrations,
                                      OnlineApplications applications, Clock clock) {
        return new RemoteCollection(jdbc, transactions(dataSource), ca.audit(), registrations, applications,
                ca.revocationCodes(), clock);
    }

    /** The demo without an SMTP server: e-mails land as files next to the demo credentials (docs/apply-online.md). */
    @Bean
    @ConditionalOnExpression("${eimzo.ca.demo:false} and '${spring.mail.host:}' == ''")
    JavaMailSender demoMailbox(@Value("${eimzo.ca.demo-credentials:demo-operators.txt}")
                               Path credentials, Clock clock) {
        Path parent = credentials.toAbsolutePath().getParent();
        DemoMailbox mailbox = new DemoMailbox(parent.resolve("demo-mailbox"), clock);
        log.info("Demo: applicants' e-mails are written to {}", mailbox.directory());
        return mailbox;
    }

    @Bean
    RemoteIdentityTypesStore remoteIdentityTypes(CaServices ca, JdbcClient jdbc, DataSource dataSource,
                                                 ObjectProvider<OrganisationRegistry> registry) {
        return new RemoteIdentityTypesStore(jdbc, transactions(dataSource), ca.audit(), registry.getIfAvailable() != null);
    }

    @Bean
    EmailConfirmation emailConfirmation(CaServices ca, JdbcClient jdbc, DataSource dataSource, OnlineApplications applications,
                                        Clock clock) {
        return new EmailConfirmation(jdbc, transactions(dataSource), ca.audit(), applications, clock);
    }

    @Bean
    PhoneConfirmation phoneConfirmation(CaServices ca, JdbcClient jdbc, DataSource dataSource, OnlineApplications applications,
                                        ApplyProperties properties, Clock clock) {
        return new PhoneConfirmation(jdbc, transactions(dataSource), ca.audit(), applications, new PhoneConfirmation.Limits(
                properties.phoneCodePerPhone(), properties.phoneCodePerClient(), properties.phoneCodeWindow()), clock);
    }

    @Bean
    ApplicationMail applicationMail(ObjectProvider<JavaMailSender> sender, ObjectProvider<SmsSender> sms, JdbcClient jdbc,
                                    MessageSource messages, ApplyProperties properties) {
        return new ApplicationMail(sender, sms, new ApplicationNotices(jdbc), messages, properties);
    }

    @Bean
    ApplicationLimits applicationLimits(OnlineApplications applications, Clock clock, ApplyProperties properties) {
        return new ApplicationLimits(applications, clock, properties.limitWindow(), properties.limitPerEmail(),
                properties.limitPerPhone(), properties.limitPerClient());
    }

    @Bean
    ApplicationMeters applicationMeters(MeterRegistry registry) {
        return new ApplicationMeters(registry);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService applicationNoticeSweep(ApplicationMail mail, ApplyProperties properties) {
        ScheduledExecutorService sweep = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("application-notices").daemon().factory());
        long every = properties.noticeEvery().toMillis();
        sweep.scheduleWithFixedDelay(() -> {
            try {
                mail.sendDue();
            } catch (RuntimeException e) {
                // A database outage or a broken SMTP server: the next sweep tries again.
                log.warn("Application notices not sent this round: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return sweep;
    }

    private static TransactionTemplate transactions(DataSource dataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }
}
