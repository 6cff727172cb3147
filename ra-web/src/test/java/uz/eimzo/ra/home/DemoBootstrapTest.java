package uz.eimzo.ra.home;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The application started as the run command starts it: demo hierarchy, centre and operators on an empty database. */
class DemoBootstrapTest extends RaTestBase {

    @Test
    void demoRootAndIssuingCaAreBootstrapped() {
        // The Spring context is shared with other test classes, which may add CAs of their own after the bootstrap.
        assertThat(ca.authorities().list()).extracting(a -> a.name())
                .filteredOn(name -> name.startsWith("demo-"))
                .containsExactly("demo-root", "demo-issuing", "demo-operators", "demo-gost-root", "demo-gost-issuing");
        assertThat(ca.authoritiesDirectory().require("demo-issuing").parentId())
                .isEqualTo(ca.authoritiesDirectory().require("demo-root").id());
    }

    @Test
    void demoOperatorsFirstPasswordsAreInAFileOnlyItsOwnerCanRead() throws Exception {
        var file = DIRECTORY.resolve("demo-operators.txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).filteredOn(l -> !l.startsWith("#")).extracting(l -> l.split(" ")[0])
                .containsExactly("admin", "registrar", "supervisor", "auditor", "api-token");
        assertThat(directory.byUsername("registrar")).isPresent();
    }

    @Test
    void publicCaPageListsTheCasInUzbekByDefault() throws Exception {
        mvc.perform(get("/ca")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sertifikatlashtirish markazlari")))
                .andExpect(content().string(containsString("demo-issuing")));
    }

    @Test
    void publicCaPageSwitchesToRussianAndEnglish() throws Exception {
        mvc.perform(get("/ca").param("lang", "ru")).andExpect(content().string(containsString("Удостоверяющие центры")));
        mvc.perform(get("/ca").param("lang", "en")).andExpect(content().string(containsString("Certification authorities")));
    }

    @Test
    void caCertificateIsDownloadableAsPkixCert() throws Exception {
        byte[] der = mvc.perform(get("/ca/demo-root.crt")).andExpect(status().isOk())
                .andExpect(content().contentType("application/pkix-cert"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(Certificates.parse(der)).isEqualTo(ca.authoritiesDirectory().require("demo-root").certificate());
    }

    @Test
    void unknownCaCertificateIsNotFound() throws Exception {
        mvc.perform(get("/ca/nobody.crt")).andExpect(status().isNotFound());
    }

    @Test
    void operatorPagesNeedSignIn() throws Exception {
        mvc.perform(get("/requests")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }
}
