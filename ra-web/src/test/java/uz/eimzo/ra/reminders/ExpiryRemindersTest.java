package uz.eimzo.ra.reminders;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.scheduling.CaJobs;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry reminders through a real SMTP server (GreenMail): two clustered Quartz nodes on the real database, a clock
 * moved to days before a certificate's expiry, and a node restarted; each reminder arrives exactly once.
 */
class ExpiryRemindersTest extends RaTestBase {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;
    @Autowired
    DataSource dataSource;

    private final List<Scheduler> nodes = new ArrayList<>();
    private final String cluster = "reminders-" + UUID.randomUUID();

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Scheduler node : nodes) {
            node.shutdown(true);
        }
    }

    private Scheduler node(String id, MovableClock clock) throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        ReminderProperties properties = new ReminderProperties(true, "noreply@e-imzo.uz", "https://ra.example.uz/self-service",
                Duration.ofMillis(200));
        Scheduler scheduler = ClusteredScheduler.create(dataSource, cluster, id);
        CaJobs.registerReminders(scheduler, new ExpiryReminders(jdbc, clock), new ReminderMailbox(sender, properties),
                properties.every());
        scheduler.start();
        nodes.add(scheduler);
        return scheduler;
    }

    private X509Certificate certificateFor(String email) {
        Applicants applicants = new Applicants(operators, registrations, codes);
        long request = applicants.submitted(Operators.pinfl(), email);
        return registrations.issueEnrolled(request, KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), "test")
                .certificate();
    }

    private List<MimeMessage> mailTo(String email) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(email))) {
                mine.add(message);
            }
        }
        return mine;
    }

    /** Waits until {@code count} messages reached the address, then a few more rounds so a duplicate would show. */
    private List<MimeMessage> awaitMail(String email, int count) throws Exception {
        for (int i = 0; i < 150 && mailTo(email).size() < count; i++) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        return mailTo(email);
    }

    private static void moveTo(MovableClock clock, X509Certificate certificate, Duration beforeExpiry) {
        clock.offset = Duration.between(Instant.now(), certificate.getNotAfter().toInstant().minus(beforeExpiry));
    }

    @Test
    void eachReminderArrivesOnceAcrossTwoNodesAndARestart() throws Exception {
        String email = "holder-" + UUID.randomUUID() + "@example.uz";
        X509Certificate certificate = certificateFor(email);
        MovableClock clock = new MovableClock();
        moveTo(clock, certificate, Duration.ofDays(5));

        Scheduler nodeA = node("node-a", clock);
        node("node-b", clock);
        List<MimeMessage> first = awaitMail(email, 1);

        assertThat(first).hasSize(1);
        assertThat(first.get(0).getSubject()).contains("kalitingiz muddati 7 kundan keyin tugaydi");
        assertThat((String) first.get(0).getContent()).contains(certificate.getSerialNumber().toString(16))
                .contains("Hurmatli Akmal Tursunov").contains("https://ra.example.uz/self-service");

        nodeA.shutdown(true);
        node("node-a-restarted", clock);
        moveTo(clock, certificate, Duration.ofHours(12));
        List<MimeMessage> both = awaitMail(email, 2);

        assertThat(both).hasSize(2);
        assertThat(both.get(1).getSubject()).contains("muddati 1 kundan keyin");
    }

    @Test
    void thirtyDaysBeforeExpiryTheFirstReminderGoesOut() throws Exception {
        String email = "holder-" + UUID.randomUUID() + "@example.uz";
        X509Certificate certificate = certificateFor(email);
        MovableClock clock = new MovableClock();
        moveTo(clock, certificate, Duration.ofDays(29));

        node("node-c", clock);

        List<MimeMessage> mail = awaitMail(email, 1);
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).getSubject()).contains("30 kundan keyin");
    }

    @Test
    void noReminderBeforeTheThirtyDayMark() throws Exception {
        String email = "holder-" + UUID.randomUUID() + "@example.uz";
        X509Certificate certificate = certificateFor(email);
        MovableClock clock = new MovableClock();
        moveTo(clock, certificate, Duration.ofDays(31));

        assertThat(new ExpiryReminders(jdbc, clock).due()).noneMatch(r -> r.email().equals(email));
    }
}
