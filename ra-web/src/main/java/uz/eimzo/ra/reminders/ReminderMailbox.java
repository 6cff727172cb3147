package uz.eimzo.ra.reminders;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import uz.eimzo.ca.reminders.Mailbox;
import uz.eimzo.ca.reminders.Reminder;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Sends reminders by SMTP through Spring Mail: Uzbek first, then Russian and English, in one plain-text message. */
public final class ReminderMailbox implements Mailbox {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final JavaMailSender sender;
    private final ReminderProperties properties;

    public ReminderMailbox(JavaMailSender sender, ReminderProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void send(Reminder reminder) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.from());
        message.setTo(reminder.email());
        message.setSubject(subject(reminder));
        message.setText(text(reminder));
        sender.send(message);
    }

    static String subject(Reminder r) {
        return "E-IMZO: kalitingiz muddati %d kundan keyin tugaydi / срок ключа истекает через %d дн. / your key expires in %d day(s)"
                .formatted(r.daysBefore(), r.daysBefore(), r.daysBefore());
    }

    String text(Reminder r) {
        String until = DATE.format(r.notAfter().atZone(TASHKENT));
        String serial = r.serial().toString(16);
        return """
                Hurmatli %1$s!

                Elektron raqamli imzo kalitingiz sertifikatining (seriya raqami %2$s) amal qilish muddati %3$s (Toshkent vaqti) da tugaydi.
                Muddati tugashidan oldin uni xizmat ko'rsatish markaziga bormasdan, uydan yangilashingiz mumkin: %4$s
                Muddati o'tgan kalitni yangilab bo'lmaydi - unda markazga qayta murojaat qilishingiz kerak bo'ladi.

                ---
                Уважаемый(ая) %1$s!

                Срок действия сертификата вашего ключа ЭЦП (серийный номер %2$s) истекает %3$s (по ташкентскому времени).
                До истечения срока его можно продлить из дома, не посещая центр: %4$s

                ---
                Dear %1$s,

                The certificate of your E-IMZO signature key (serial %2$s) expires on %3$s (Tashkent time).
                You can renew it from home before then, without visiting a centre: %4$s
                """.formatted(r.holderName(), serial, until, properties.renewUrl());
    }
}
