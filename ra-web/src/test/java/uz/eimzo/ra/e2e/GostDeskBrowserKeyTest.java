package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ca.issuance.AgentPfxFiles;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * At the registrar's desk under the GOST-UZ issuing CA (the launcher's default), the key made in the applicant's
 * browser: the request page makes a GOST-UZ key and its PKCS#10 request with gost-uz.js, issues with it, and writes
 * the certificate and the key into a DS….pfx with the password the applicant typed. The key never leaves the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostDeskBrowserKeyTest extends GostRaTestBase {

    private static final String OPERATOR_PASSWORD = "Xizmat-markazi-2026";
    private static final String KEY_PASSWORD = "kalit-fayli-2026";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    WebDriver browser;
    WebDriverWait wait;
    long centre;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        operators = new Operators(jdbc, directory, passwords);
        centre = operators.centre(false);
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** An individual registered at the centre (no approval needed there), ready to be issued; its request id. */
    private long registered(String pinfl) throws Exception {
        return registered(centre, pinfl);
    }

    private long registered(long centreId, String pinfl) throws Exception {
        Actor registrar = operators.operator(centreId, OPERATOR_PASSWORD, Actor.Role.REGISTRAR);
        String location = mvc.perform(post("/requests").with(Operators.as(registrar)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL")
                        .param("surname", "Yusupov").param("givenName", "Malik").param("birthDate", "1990-03-15")
                        .param("sex", "M").param("pinfl", pinfl).param("documentType", "PASSPORT")
                        .param("documentNumber", "AD1234567").param("phone", "+998 90 123 45 67")
                        .param("representative", "false"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.replaceAll(".*/requests/", ""));
    }

    /** A fresh registrar of the centre signs in with password and one-time code. */
    private void signIn() {
        signIn(centre);
    }

    private void signIn(long centreId) {
        Actor actor = operators.operator(centreId, OPERATOR_PASSWORD, Actor.Role.REGISTRAR);
        directory.confirmTotp(actor.operatorId());
        browser.manage().deleteAllCookies();
        Browser.signIn(browser, "http://localhost:" + port + "/login", actor.username(), OPERATOR_PASSWORD,
                directory.totpSecret(directory.byUsername(actor.username()).orElseThrow()));
        wait.until(d -> d.getCurrentUrl().endsWith("/requests"));
    }

    private long certificates(String pinfl) {
        return jdbc.sql("select count(*) from certificate where pinfl = ?").param(pinfl).query(Long.class).single();
    }

    @Test
    void theApplicantsBrowserAtTheDeskMakesTheGostUzKeyAndSavesTheIssuedCertificateWithItInADsPfx() throws Exception {
        String pinfl = Operators.pinfl();
        long request = registered(pinfl);
        signIn();
        browser.get("http://localhost:" + port + "/requests/" + request + "?lang=en");
        browser.findElement(By.cssSelector("input[name=keyOption][value=BROWSER_KEY]")).click();
        browser.findElement(By.id("browser-key-password")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-repeat")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-issue")).click();
        wait.until(d -> d.findElement(By.id("browser-key-save")).getAttribute("href") != null
                || d.findElement(By.id("browser-key-issue")).isEnabled());
        assertThat(browser.findElement(By.id("browser-key-status")).getText()).startsWith("Done");
        assertThat(browser.findElement(By.id("browser-key-code")).getText()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        assertThat(browser.findElement(By.id("browser-key-password")).getAttribute("value")).as("the password is not kept").isEmpty();

        String name = browser.findElement(By.id("browser-key-save")).getAttribute("download");
        assertThat(name).matches("DS" + pinfl + "\\d{4}\\.pfx");
        Path saved = Browser.DOWNLOADS.resolve(name);
        Files.deleteIfExists(saved);
        browser.findElement(By.id("browser-key-save")).click();
        wait.until(d -> Files.exists(saved) && !Files.exists(Browser.DOWNLOADS.resolve(name + ".crdownload")));

        byte[] written = Files.readAllBytes(saved);
        UzDst.install();
        String alias = AgentPfxFiles.aliases(written).getFirst();
        assertThat(AgentPfxFiles.aliases(written)).as("the E-IMZO agent lists the key by its alias before any password")
                .containsExactly(alias);
        AgentPfxFiles.Opened opened = AgentPfxFiles.open(written, alias, KEY_PASSWORD.toCharArray());
        X509Certificate certificate = opened.certificate();
        assertThat(alias).isEqualTo(ca.issuer().agentAlias(certificate));
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        certificate.verify(ca.authoritiesDirectory().require("demo-gost-issuing").certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).as("the registered identity").contains("CN=YUSUPOV MALIK");

        KeyStore file = KeyStore.getInstance("PKCS12");
        file.load(new ByteArrayInputStream(written), KEY_PASSWORD.toCharArray());
        PrivateKey key = (PrivateKey) file.getKey(alias, KEY_PASSWORD.toCharArray());
        assertThat(key).isInstanceOf(UzDstPrivateKey.class);
        assertThat(opened.pkcs8()).as("the agent's PKCS#8 form of the same key").isEqualTo(UzDst.agentPkcs8(key));
        Signature signature = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        signature.initSign(key);
        signature.update(new byte[]{7, 7, 7});
        assertThat(GostIndependentVerifier.verify(new byte[]{7, 7, 7}, signature.sign(), certificate.getPublicKey().getEncoded()))
                .as("the certificate certifies exactly the key the browser made").isTrue();
        assertThat(jdbc.sql("select status from certificate where serial = ?")
                .param(new BigDecimal(certificate.getSerialNumber())).query(String.class).single()).isEqualTo("GOOD");
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("ISSUED");
    }

    /** No P-256 fallback: a browser without the GOST-UZ module is told so, and nothing is sent or issued. */
    @Test
    void withoutTheGostUzModuleTheOptionSaysItCannotRunAndSendsNothing() throws Exception {
        String pinfl = Operators.pinfl();
        long request = registered(pinfl);
        signIn();
        browser.get("http://localhost:" + port + "/requests/" + request + "?lang=ru");
        ((JavascriptExecutor) browser).executeScript("delete window.GostUz;");
        browser.findElement(By.id("browser-key-password")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-repeat")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-issue")).click();
        wait.until(d -> d.findElement(By.id("browser-key-issue")).isEnabled());

        assertThat(browser.findElement(By.id("browser-key-status")).getText()).contains("ГОСТ-UZ");
        assertThat(browser.findElement(By.id("browser-key-save")).getAttribute("href")).isNull();
        assertThat(browser.findElement(By.id("csrText")).getAttribute("value")).as("no request of any algorithm").isEmpty();
        assertThat(certificates(pinfl)).isZero();
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }

    /** Passwords that differ are caught in the page before any key is made. */
    @Test
    void differingPasswordsAreExplainedAndNothingIsIssued() throws Exception {
        String pinfl = Operators.pinfl();
        long request = registered(pinfl);
        signIn();
        browser.get("http://localhost:" + port + "/requests/" + request);
        browser.findElement(By.id("browser-key-password")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-repeat")).sendKeys(KEY_PASSWORD + "x");
        browser.findElement(By.id("browser-key-issue")).click();
        wait.until(d -> !d.findElement(By.id("browser-key-status")).getText().isEmpty());

        assertThat(browser.findElement(By.id("browser-key-status")).getText()).isEqualTo("Parollar bir xil emas.");
        assertThat(certificates(pinfl)).isZero();
    }

    /** The CA's refusal (here: four eyes not yet given) comes back into the page with its reason; nothing is issued. */
    @Test
    void aRefusedIssueIsExplainedInThePageAndNoKeyFileIsOffered() throws Exception {
        long fourEyes = operators.centre(true);
        String pinfl = Operators.pinfl();
        long request = registered(fourEyes, pinfl);
        signIn(fourEyes);
        browser.get("http://localhost:" + port + "/requests/" + request + "?lang=en");
        browser.findElement(By.id("browser-key-password")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-repeat")).sendKeys(KEY_PASSWORD);
        browser.findElement(By.id("browser-key-issue")).click();
        wait.until(d -> d.findElement(By.id("browser-key-issue")).isEnabled()
                && !d.findElement(By.id("browser-key-status")).getText().startsWith("Making"));

        assertThat(browser.findElement(By.id("browser-key-status")).getText()).startsWith("No certificate was issued:")
                .as("the CA's reason").contains("needs a supervisor's approval");
        assertThat(browser.findElement(By.id("browser-key-save")).getAttribute("href")).isNull();
        assertThat(certificates(pinfl)).isZero();
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("SUBMITTED");
    }
}
