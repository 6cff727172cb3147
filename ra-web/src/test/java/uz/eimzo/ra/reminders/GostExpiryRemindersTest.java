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
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.scheduling.CaJobs;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.gost.GostChallenges;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Expiry reminders for a GOST-UZ holder of the default CA: the reminder arrives by SMTP (GreenMail) pointing at
 * self-service, and once the holder renews there with a centre-made GOST-UZ key no further reminder is due for the
 * certificate renewed.
 */
class GostExpiryRemindersTest extends GostRaTestBase {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;
    @Autowired
    DataSource dataSource;

    private Scheduler node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.shutdown(true);
        }
    }

    @Test
    void aGostUzHolderIsRemindedAndRenewingStopsTheReminders() throws Exception {
        String email = "gost-holder-" + UUID.randomUUID() + "@example.uz";
        KeyPair key = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        X509Certificate certificate = registrations.issueEnrolled(new Applicants(operators, registrations, codes)
                .submitted(Operators.pinfl(), email), key.getPublic(), "test").certificate();
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        ExpiryRemindersTest.MovableClock clock = new ExpiryRemindersTest.MovableClock();
        clock.offset = Duration.between(Instant.now(), certificate.getNotAfter().toInstant().minus(Duration.ofDays(5)));

        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        ReminderProperties properties = new ReminderProperties(true, "noreply@e-imzo.uz", "https://ra.example.uz/self-service",
                Duration.ofMillis(200));
        node = ClusteredScheduler.create(dataSource, "gost-reminders-" + UUID.randomUUID(), "gost-node");
        CaJobs.registerReminders(node, new ExpiryReminders(jdbc, clock), new ReminderMailbox(sender, properties),
                properties.every());
        node.start();
        MimeMessage mail = null;
        for (int i = 0; i < 150 && mail == null; i++) {
            mail = Arrays.stream(smtp.getReceivedMessages()).filter(m -> sentTo(m, email)).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertThat(mail).as("a reminder for the GOST-UZ holder").isNotNull();
        assertThat((String) mail.getContent()).contains(certificate.getSerialNumber().toString(16))
                .contains("https://ra.example.uz/self-service");
        node.shutdown(true);

        MockHttpSession session = new MockHttpSession();
        String challenge = mvc.perform(get("/self-service/challenge.txt").session(session))
                .andReturn().getResponse().getContentAsString();
        mvc.perform(multipart("/self-service/renew-server-key").param("signatureText",
                        GostChallenges.sign(challenge, key, certificate)).session(session).with(csrf()))
                .andExpect(status().isOk());

        // Half a day before the end the 1-day reminder would be due (no node is left to claim it). The renewed
        // certificate was issued on the real day, so under the moved clock it too nears its end and is reminded of in
        // its own right; what renewing stops is the reminders for the certificate it replaced.
        clock.offset = Duration.between(Instant.now(), certificate.getNotAfter().toInstant().minus(Duration.ofHours(12)));
        assertThat(new ExpiryReminders(jdbc, clock).due())
                .anyMatch(r -> r.email().equals(email))
                .noneMatch(r -> r.serial().equals(certificate.getSerialNumber()));
    }

    private static boolean sentTo(MimeMessage message, String email) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(email));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
