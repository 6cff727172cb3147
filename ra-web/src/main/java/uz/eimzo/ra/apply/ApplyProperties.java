package uz.eimzo.ra.apply;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Apply online ({@code eimzo.apply.*}); the SMTP server is Spring's {@code spring.mail.*}, shared with the reminders.
 *
 * @param enabled        serve apply online: without it every public page under /apply and POST /api/applications is
 *                       404 (their controllers are not created); the registrars' queue stays for applications made
 * @param from           the sender of the applicants' e-mails
 * @param trackUrl       the tracking page named in the e-mails
 * @param limitWindow    how far back the limits below count
 * @param limitPerEmail  applications per e-mail address within the window
 * @param limitPerPhone  applications per phone number within the window
 * @param limitPerClient applications per client address within the window
 * @param noticeEvery    how often status e-mails are looked for
 * @param phoneCodeWindow    how far back the phone-code limits below count
 * @param phoneCodePerPhone  phone confirmation codes texted to one number within that window
 * @param phoneCodePerClient phone confirmation codes asked for from one client address within that window
 */
@ConfigurationProperties("eimzo.apply")
public record ApplyProperties(@DefaultValue("true") boolean enabled,
                              @DefaultValue("noreply@e-imzo.uz") String from,
                              @DefaultValue("http://localhost:8080/apply/track") String trackUrl,
                              @DefaultValue("24h") Duration limitWindow,
                              @DefaultValue("3") int limitPerEmail,
                              @DefaultValue("3") int limitPerPhone,
                              @DefaultValue("20") int limitPerClient,
                              @DefaultValue("30s") Duration noticeEvery,
                              @DefaultValue("1h") Duration phoneCodeWindow,
                              @DefaultValue("5") int phoneCodePerPhone,
                              @DefaultValue("10") int phoneCodePerClient) {
}
