package uz.eimzo.ra.admin;

import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;
import org.springframework.mock.web.MockHttpSession;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A download named after a name in Uzbek or Russian keeps that name, in a header that stays ASCII (RFC 6266). */
class DownloadFileNameTest extends RaTestBase {

    @Test
    void clientCertificateFileOfAnOperatorWithACyrillicNameKeepsItsName() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        // An account created before the current username rule, or by a directory import: the name is not ASCII.
        String username = "дилноза.о‘ғли-" + System.nanoTime();
        long id = directory.create(centre, username, "Дилноза", Set.of(Actor.Role.REGISTRAR), passwords.encode("p"));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/admin/operators/" + id + "/client-certificate").session(session)
                .with(Operators.as(admin)).with(csrf())).andExpect(status().is3xxRedirection());

        String header = mvc.perform(get("/admin/client-certificate").session(session).with(Operators.as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getHeader("Content-Disposition");

        assertThat(header).as("header value").matches("[\\x20-\\x7e]+");
        ContentDisposition disposition = ContentDisposition.parse(header);
        assertThat(disposition.isAttachment()).isTrue();
        assertThat(disposition.getFilename()).isEqualTo("operator-" + username + ".p12");
    }
}
