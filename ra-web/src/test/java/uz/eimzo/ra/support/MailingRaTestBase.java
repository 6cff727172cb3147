package uz.eimzo.ra.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.mail.MessagingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RA with a real SMTP server (GreenMail) behind {@code spring.mail.*}: the applicants' e-mails go the way the
 * expiry reminders do. One GreenMail, one application context and its own database for every apply-online test: an
 * application context on another base's database would run its own notice sweep (the demo mailbox) and take these
 * tests' e-mails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "eimzo.ra.issuing-ca=demo-issuing"})
@AutoConfigureMockMvc
public abstract class MailingRaTestBase extends RunningRa {

    protected static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    protected static final Path DIRECTORY = temporaryDirectory("eimzo-mailing-ra-test");
    protected static final String PERSONAL_DATA_KEY = randomKey();

    protected static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    /** The applicants' phones: a local stand-in for the SMS gateway, recording what it receives. */
    protected static final RecordingSmsGateway SMS = new RecordingSmsGateway();
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        environment(registry, DATABASE, DIRECTORY, PERSONAL_DATA_KEY);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        // Status e-mails after steps the apply pages do not trigger themselves (a supervisor's approval) come by the sweep.
        registry.add("eimzo.apply.notice-every", () -> "1s");
        registry.add("eimzo.sms.enabled", () -> "true");
        registry.add("eimzo.sms.url", SMS::url);
        registry.add("eimzo.sms.token", () -> "test-gateway-token");
        // The organisations' register: its local simulator, so that directors may finish remotely where a centre allows.
        registry.add("eimzo.registry.simulator", () -> "true");
    }

    /** A fresh e-mail address, so each test reads only its own mail. */
    protected static String email() {
        return "arizachi" + UNIQUE.incrementAndGet() + "-" + System.nanoTime() % 100000 + "@example.uz";
    }

    /** A fresh client address, so the per-client limit of one test does not reach the next. */
    protected static String client() {
        int n = UNIQUE.incrementAndGet();
        return "10.21." + (n / 250) % 250 + "." + (1 + n % 250);
    }

    /** The messages sent to this address, oldest first. */
    protected static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits (up to 20 s) for a message to this address whose subject contains the text. */
    protected static MimeMessage awaitMail(String address, String subjectPart) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            Optional<MimeMessage> found = mailTo(address).stream().filter(m -> {
                try {
                    return m.getSubject().contains(subjectPart);
                } catch (MessagingException e) {
                    return false;
                }
            }).reduce((a, b) -> b);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No e-mail to " + address + " with '" + subjectPart + "' in its subject");
    }

    /** Waits for the phone confirmation code texted to this number (six digits) and returns it. */
    protected static String phoneCode(String phone) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            Optional<String> code = SMS.received().stream().filter(r -> r.body().contains("\"to\":\"" + phone + "\""))
                    .map(r -> PHONE_CODE.matcher(r.body())).filter(Matcher::find).map(m -> m.group(1)).reduce((a, b) -> b);
            if (code.isPresent()) {
                return code.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No phone confirmation code texted to " + phone);
    }

    private static final Pattern PHONE_CODE = Pattern.compile("(?<![0-9-])([0-9]{6})(?![0-9-])");

    /** The decoded plain text of a message. */
    protected static String body(MimeMessage message) throws Exception {
        return message.getContent().toString().replace("\r\n", "\n");
    }
}
