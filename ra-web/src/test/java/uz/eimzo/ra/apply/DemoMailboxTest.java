package uz.eimzo.ra.apply;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo without an SMTP server: the applicant's e-mails are files in the demo mailbox next to the demo credentials,
 * readable by the owner only, so a newcomer finds the one-time code there.
 */
class DemoMailboxTest extends RaTestBase {

    @Test
    void theEmailCodeOfAnApplicationLandsInTheDemoMailbox() throws Exception {
        String first13 = "4" + Operators.pinfl().substring(1, 13);
        String email = "demo" + System.nanoTime() + "@example.uz";
        String page = mvc.perform(post("/apply/submit").with(csrf()).with(r -> {
                            r.setRemoteAddr("10.99.0." + (1 + (int) (System.nanoTime() % 250)));
                            return r;
                        })
                        .param("type", "INDIVIDUAL").param("surname", "Nazarova").param("givenName", "Gulnora")
                        .param("birthDate", "1990-03-15").param("sex", "F").param("pinfl", first13 + Pinfl.checkDigit(first13))
                        .param("documentType", "PASSPORT").param("documentNumber", "AE5566778").param("phone", "+998935556677")
                        .param("email", email).param("representative", "false")
                        .param("centreId", String.valueOf(operators.centre(false))).param("purposes", "1.2.860.3.2.2.1.2.1").param("keyOption", "CSR"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        assertThat(reference.find()).isTrue();
        Path mailbox = DIRECTORY.resolve("demo-mailbox");

        List<Path> mine = awaitFiles(mailbox, email);

        assertThat(Files.readString(mine.getFirst())).contains(reference.group()).containsPattern("[0-9]{4}-[0-9]{4}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine.getFirst()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mailbox))).isEqualTo("rwx------");
    }

    @Test
    void withoutAnSmsGatewayTheDemoWritesTheApplicantsTextsNextToTheMailbox() throws Exception {
        String first13 = "4" + Operators.pinfl().substring(1, 13);
        String phone = "+99893" + (1000000 + (int) (System.nanoTime() % 8999999));
        String page = mvc.perform(post("/apply/submit").with(csrf()).with(r -> {
                            r.setRemoteAddr("10.99.1." + (1 + (int) (System.nanoTime() % 250)));
                            return r;
                        })
                        .param("type", "INDIVIDUAL").param("surname", "Nazarova").param("givenName", "Gulnora")
                        .param("birthDate", "1990-03-15").param("sex", "F").param("pinfl", first13 + Pinfl.checkDigit(first13))
                        .param("documentType", "PASSPORT").param("documentNumber", "AE5566778").param("phone", phone)
                        .param("email", "sms" + System.nanoTime() + "@example.uz").param("representative", "false")
                        .param("centreId", String.valueOf(operators.centre(false))).param("purposes", "1.2.860.3.2.2.1.2.1")
                        .param("keyOption", "CSR"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = ApplyOnlineTest.REFERENCE.matcher(page);
        assertThat(reference.find()).isTrue();
        Path box = DIRECTORY.resolve("demo-sms");

        List<Path> mine = awaitFiles(box, phone.substring(1));

        assertThat(Files.readString(mine.getFirst())).contains("To: " + phone).contains(reference.group());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine.getFirst()))).isEqualTo("rw-------");
    }

    private static List<Path> awaitFiles(Path mailbox, String email) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(until)) {
            if (Files.isDirectory(mailbox)) {
                try (Stream<Path> files = Files.list(mailbox)) {
                    List<Path> mine = files.filter(f -> f.getFileName().toString().contains(email)).sorted().toList();
                    if (!mine.isEmpty()) {
                        return mine;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No e-mail to " + email + " in " + mailbox);
    }
}
