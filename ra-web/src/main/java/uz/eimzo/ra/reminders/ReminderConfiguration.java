package uz.eimzo.ra.reminders;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.reminders.ExpiryReminders;

import java.time.Clock;

/**
 * With {@code eimzo.reminders.enabled=true}: the reminder service and its mailbox, which the CA node's clustered
 * scheduler (see {@code SchedulingConfiguration}) runs as one more job.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eimzo.reminders.enabled", havingValue = "true")
class ReminderConfiguration {

    @Bean
    ExpiryReminders expiryReminders(JdbcClient jdbc, Clock clock) {
        return new ExpiryReminders(jdbc, clock);
    }

    @Bean
    ReminderMailbox reminderMailbox(JavaMailSender mail, ReminderProperties properties) {
        return new ReminderMailbox(mail, properties);
    }
}
