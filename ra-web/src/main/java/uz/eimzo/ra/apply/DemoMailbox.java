package uz.eimzo.ra.apply;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import java.time.ZoneOffset;

/**
 * The demo's mailbox: with {@code eimzo.ca.demo=true} and no SMTP server configured, the applicants' e-mails are
 * written as {@code .eml} files into a directory (mode 700, files 600) next to the demo credentials, so a newcomer
 * reads the one-time codes there. It is a mailbox, not a log, and exists in the demo only; with
 * {@code spring.mail.host} set the mail goes by SMTP as in production.
 */
final class DemoMailbox extends JavaMailSenderImpl {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path directory;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    DemoMailbox(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    Path directory() {
        return directory;
    }

    @Override
    protected void doSend(MimeMessage[] messages, Object[] originals) {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            for (MimeMessage message : messages) {
                String to = message.getAllRecipients() == null ? "nobody" : message.getAllRecipients()[0].toString();
                Path file = directory.resolve(STAMP.format(clock.instant().atZone(ZoneOffset.UTC)) + "-"
                        + sequence.incrementAndGet() + "-" + to.replaceAll("[^A-Za-z0-9@._-]", "_") + ".eml");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (OutputStream out = Files.newOutputStream(file)) {
                    message.writeTo(out);
                }
            }
        } catch (IOException | MessagingException e) {
            throw new MailPreparationException("The demo mailbox cannot be written: " + e.getMessage(), e);
        }
    }
}
