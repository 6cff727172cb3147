package uz.eimzo.ra.reminders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Expiry reminders ({@code eimzo.reminders.*}); the SMTP server itself is Spring's {@code spring.mail.*}.
 *
 * @param enabled  run the reminder job on this node (needs spring.mail.host)
 * @param from     the sender address
 * @param renewUrl the self-service renewal page named in the e-mail
 * @param every    how often to look for due reminders
 */
@ConfigurationProperties("eimzo.reminders")
public record ReminderProperties(@DefaultValue("false") boolean enabled, @DefaultValue("noreply@e-imzo.uz") String from,
                                 @DefaultValue("http://localhost:8080/self-service") String renewUrl,
                                 @DefaultValue("1h") Duration every) {
}
