package uz.eimzo.ra.admin;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AdministrationPagesTest extends RaTestBase {

    @Test
    void administratorCreatesAnOperatorWhoseFirstPasswordWorksOnce() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        String username = "new.registrar." + System.nanoTime() % 100000;
        var result = mvc.perform(post("/admin/operators").with(Operators.as(admin)).with(csrf())
                        .param("centreId", String.valueOf(centre)).param("username", username)
                        .param("fullName", "Yangi Operator").param("roles", "REGISTRAR"))
                .andExpect(status().is3xxRedirection()).andReturn();
        String password = (String) result.getFlashMap().get("newPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);
        var account = directory.byUsername(username).orElseThrow();
        assertThat(passwords.matches(password, account.passwordHash())).isTrue();
        assertThat(account.roles()).containsExactly(Actor.Role.REGISTRAR);
        String audited = jdbc.sql("select actor from audit_event where action = 'operator.create' and target = ?")
                .param("operator:" + username).query(String.class).single();
        assertThat(audited).isEqualTo(admin.username());
    }

    @Test
    void badUsernameIsRefusedWithAMessage() throws Exception {
        Actor admin = operators.operator(operators.centre(false), "p", Actor.Role.ADMINISTRATOR);
        mvc.perform(post("/admin/operators").with(Operators.as(admin)).with(csrf())
                        .param("centreId", "1").param("username", "Bad Name").param("fullName", "x").param("roles", "AUDITOR"))
                .andExpect(flash().attribute("error", containsString("Foydalanuvchi nomi: 3–40")));
    }

    @Test
    void auditorSeesWhoDidWhat() throws Exception {
        long centre = operators.centre(false);
        Actor admin = operators.operator(centre, "p", Actor.Role.ADMINISTRATOR);
        Actor auditor = operators.operator(centre, "p", Actor.Role.AUDITOR);
        mvc.perform(post("/admin/centres").with(Operators.as(admin)).with(csrf())
                .param("code", "AUD-" + System.nanoTime() % 10000).param("name", "Audit test"));
        mvc.perform(get("/audit").param("actor", admin.username()).with(Operators.as(auditor)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("centre.create")))
                .andExpect(content().string(containsString("Audit zanjiri butun")));
    }

    @Test
    void scanWithAFakeTypeIsRefusedOnTheRequestPage() throws Exception {
        long centre = operators.centre(false);
        Actor registrar = operators.operator(centre, "p", Actor.Role.REGISTRAR);
        String location = mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", java.util.UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                        .param("surname", "Aliyev").param("givenName", "Vali").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998901234567").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(multipart(location + "/scans").file(new MockMultipartFile("file", "virus.pdf", "application/pdf",
                        "MZ not a pdf".getBytes())).param("kind", "PASSPORT").with(Operators.as(registrar)).with(csrf()))
                .andExpect(flash().attribute("error", containsString("Faqat PDF, JPEG va PNG")));
    }
}
