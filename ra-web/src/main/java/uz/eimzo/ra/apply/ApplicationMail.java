package uz.eimzo.ra.apply;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import uz.eimzo.ca.registration.ApplicationNotices;
import uz.eimzo.ca.registration.RemoteCollection;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import uz.eimzo.ca.registration.EmailConfirmation;
import uz.eimzo.ca.registration.PhoneConfirmation;
import uz.eimzo.ra.sms.SmsSender;

/**
 * The applicants' e-mails, through the same SMTP path as the expiry reminders ({@code spring.mail.*}), each in the
 * language the application was made in: the status notices the sweep finds due, and the one-time collection code.
 * With SMS on ({@code eimzo.sms.*}) the notices and the collection code also go to the application's phone; an SMS
 * that fails is logged (without its text) and not retried, the e-mail being the channel of record. Without an SMTP
 * server and without SMS the notices wait (the sweep sends them once one is configured); a code cannot be sent and
 * the page says so. Neither the code nor the tracking secret is ever logged.
 */
public final class ApplicationMail {

    private static final Logger log = LoggerFactory.getLogger(ApplicationMail.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZoneId.of("Asia/Tashkent"));

    /** No SMTP server is configured, so the e-mail cannot go out. */
    public static final class Unavailable extends RuntimeException {
        Unavailable() {
            super("No SMTP server configured (spring.mail.host)");
        }
    }

    private final ObjectProvider<JavaMailSender> sender;
    private final ObjectProvider<SmsSender> sms;
    private final ApplicationNotices notices;
    private final MessageSource messages;
    private final ApplyProperties properties;

    public ApplicationMail(ObjectProvider<JavaMailSender> sender, ObjectProvider<SmsSender> sms, ApplicationNotices notices,
                           MessageSource messages, ApplyProperties properties) {
        this.sender = sender;
        this.sms = sms;
        this.notices = notices;
        this.messages = messages;
        this.properties = properties;
    }

    /** Sends every status notice that is due; returns how many went out. */
    public int sendDue() {
        JavaMailSender mail = sender.getIfAvailable();
        SmsSender phone = sms.getIfAvailable();
        if (mail == null && phone == null) {
            return 0;
        }
        int sent = 0;
        for (ApplicationNotices.Notice notice : notices.due(100)) {
            if (!notices.claim(notice)) {
                continue;
            }
            Locale locale = Locale.forLanguageTag(notice.language());
            String stage = notice.stage().name();
            if (mail != null) {
                try {
                    String body = text("apply.mail." + stage + ".text", locale, notice.name(), notice.reference(),
                            notice.centreName(), notice.rejectionReason() == null ? "" : notice.rejectionReason(),
                            properties.trackUrl());
                    mail.send(message(notice.email(), text("apply.mail." + stage + ".subject", locale, notice.reference()), body));
                } catch (MailException e) {
                    notices.release(notice);
                    log.warn("Status e-mail for online application {} not sent: {}", notice.reference(), e.getMessage());
                    continue;
                }
            }
            sent++;
            if (phone != null) {
                sendSms(phone, notice.phone(), notice.reference(), text("apply.sms.notice.text", locale, notice.reference(),
                        text("apply.stage." + stage, locale), properties.trackUrl()));
            }
        }
        return sent;
    }

    /** Sends the one-time collection code to the address and, with SMS on, the phone the application was made with. */
    public void sendCode(RemoteCollection.Code code) {
        JavaMailSender mail = sender.getIfAvailable();
        SmsSender phone = sms.getIfAvailable();
        if (mail == null && phone == null) {
            throw new Unavailable();
        }
        Locale locale = Locale.forLanguageTag(code.language());
        String expires = TIME.format(code.expiresAt());
        if (mail != null) {
            mail.send(message(code.email(), text("apply.mail.code.subject", locale, code.reference()),
                    text("apply.mail.code.text", locale, code.reference(), code.code(), expires)));
        }
        if (phone != null) {
            sendSms(phone, code.phone(), code.reference(), text("apply.sms.code.text", locale, code.reference(), code.code(), expires));
        }
    }

    /** Sends one SMS; a failure is logged with the reference only (the text may hold a code) and not retried. */
    private static void sendSms(SmsSender phone, String number, String reference, String text) {
        try {
            phone.send(number, text);
        } catch (SmsSender.Failed | IllegalArgumentException e) {
            log.warn("SMS for online application {} not sent: {}", reference, e.getMessage());
        }
    }

    /** Mails the code that confirms the applicant's e-mail address. */
    public void sendEmailCode(EmailConfirmation.Code code) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new Unavailable();
        }
        Locale locale = Locale.forLanguageTag(code.language());
        mail.send(message(code.email(), text("apply.mail.email.subject", locale, code.reference()),
                text("apply.mail.email.text", locale, code.reference(), code.code())));
    }

    /**
     * Texts the code that confirms the applicant's phone. Unlike the notices, a failure is the applicant's to see (the
     * page offers the code again), so it is thrown, never logged with the text.
     */
    public void sendPhoneCode(PhoneConfirmation.Code code) {
        SmsSender phone = sms.getIfAvailable();
        if (phone == null) {
            throw new Unavailable();
        }
        Locale locale = Locale.forLanguageTag(code.language());
        phone.send(code.phone(), text("apply.sms.phone.text", locale, code.reference(), code.code()));
    }

    private SimpleMailMessage message(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        return message;
    }

    private String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }
}
