package uz.eimzo.ra.home;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The application started as the run command starts it: demo hierarchy bootstrapped on an empty database. */
@SpringBootTest(properties = {"spring.config.name=ra", "eimzo.ca.demo=true"})
@AutoConfigureMockMvc
class DemoSystemTest {

    static final TestDatabase DATABASE = PostgresServer.get().newDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path keys = Files.createTempDirectory("eimzo-demo-keys");
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("eimzo.ca.pkcs12", () -> keys.resolve("demo-ca.p12").toString());
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    CaServices ca;

    @Test
    void demoRootAndIssuingCaAreBootstrapped() {
        assertThat(ca.authorities().list()).extracting(a -> a.name()).containsExactly("demo-root", "demo-issuing");
        assertThat(ca.authoritiesDirectory().require("demo-issuing").parentId())
                .isEqualTo(ca.authoritiesDirectory().require("demo-root").id());
    }

    @Test
    void homePageListsTheCasInUzbekByDefault() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Sertifikatlashtirish markazlari")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("demo-issuing")));
    }

    @Test
    void homePageSwitchesToRussian() throws Exception {
        mvc.perform(get("/").param("lang", "ru")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Удостоверяющие центры")));
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
}
