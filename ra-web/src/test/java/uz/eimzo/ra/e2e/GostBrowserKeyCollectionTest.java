package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.issuance.AgentPfxFiles;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.registration.RemoteCollection;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ra.support.GostRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The online application's collection step under the GOST-UZ issuing CA (the launcher's default) with the key made in
 * the applicant's browser: the page makes a GOST-UZ key, sends only its PKCS#10 request with the mailed one-time code,
 * and writes the certificate and the key into a DS….pfx; the certificate certifies exactly the key in that file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostBrowserKeyCollectionTest extends GostRaTestBase {

    private static final Pattern REFERENCE = Pattern.compile("A-[A-Z2-9]{5}-[A-Z2-9]{5}");
    private static final Pattern SECRET = Pattern.compile("id=\"tracking-secret\">([A-Z2-9-]{19})<");
    private static final String PASSWORD = "kalit-fayli-2026";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Autowired
    Registrations registrations;
    @Autowired
    RemoteCollection collection;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** An application for a key made in the browser, confirmed at the centre and approved; its reference and secret. */
    private String[] approvedApplication(String pinfl) throws Exception {
        long centre = operators.centre(true);
        String page = mvc.perform(post("/apply/submit").with(csrf()).with(r -> {
                    r.setRemoteAddr("10.92.0." + (1 + new SecureRandom().nextInt(250)));
                    return r;
                }).param("type", "INDIVIDUAL").param("surname", "Karimov").param("givenName", "Sardor")
                .param("patronymic", "Anvarovich").param("birthDate", "1990-03-15").param("sex", "M")
                .param("pinfl", pinfl).param("documentType", "PASSPORT").param("documentNumber", "AB7654321")
                .param("phone", "+99890" + (1000000 + new SecureRandom().nextInt(8999999)))
                .param("email", "k" + pinfl + "@example.uz").param("region", "Toshkent shahri").param("district", "Chilonzor")
                .param("representative", "false").param("centreId", String.valueOf(centre)).param("purposes", "1.2.860.3.2.2.1.2.1")
                .param("keyOption", "BROWSER_KEY"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        Matcher reference = REFERENCE.matcher(page);
        Matcher secret = SECRET.matcher(page);
        assertThat(reference.find() && secret.find()).as(page).isTrue();

        Actor registrar = operators.operator(centre, "x", Actor.Role.REGISTRAR);
        String location = mvc.perform(post("/online-applications/" + reference.group() + "/confirm").with(csrf())
                        .with(Operators.as(registrar)).param("type", "INDIVIDUAL").param("surname", "Karimov")
                        .param("givenName", "Sardor").param("patronymic", "Anvarovich").param("birthDate", "1990-03-15")
                        .param("sex", "M").param("pinfl", pinfl).param("documentType", "PASSPORT")
                        .param("documentNumber", "AB7654321").param("phone", "+998901112233")
                        .param("email", "k" + pinfl + "@example.uz").param("region", "Toshkent shahri")
                        .param("district", "Chilonzor").param("representative", "false").param("documentsChecked", "true"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long request = Long.parseLong(location.replaceAll(".*/requests/", ""));
        registrations.approve(operators.operator(centre, "x", Actor.Role.SUPERVISOR), request);
        return new String[]{reference.group(), secret.group(1)};
    }

    /** A male PINFL for 15 March 1990 (first digit 3), different on every call. */
    private static String pinfl() {
        String first13 = "3150390" + Operators.pinfl().substring(7, 13);
        return first13 + Pinfl.checkDigit(first13);
    }

    @Test
    void theApplicantsBrowserMakesTheGostUzKeyAndSavesTheIssuedCertificateWithItInADsPfx() throws Exception {
        String pinfl = pinfl();
        String[] application = approvedApplication(pinfl);
        // The one-time code the tracking page mails, taken where it is made (the mailbox is not this test's subject).
        String code = collection.newCode(application[0], application[1]).code();

        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/apply/track?lang=en");
        browser.findElement(By.id("track-reference")).sendKeys(application[0]);
        browser.findElement(By.id("track-secret")).sendKeys(application[1]);
        browser.findElement(By.cssSelector("#track-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("browser-key")));
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.id("browser-key-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("browser-key-repeat")).sendKeys(PASSWORD);
        browser.findElement(By.id("browser-key-collect")).click();
        wait.until(d -> d.findElement(By.id("browser-key-save")).getAttribute("href") != null
                || d.findElement(By.id("browser-key-collect")).isEnabled());
        assertThat(browser.findElement(By.id("browser-key-status")).getText()).startsWith("Done");
        assertThat(browser.findElement(By.id("browser-key-code")).getText()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");

        String name = browser.findElement(By.id("browser-key-save")).getAttribute("download");
        assertThat(name).matches("DS" + pinfl + "\\d{4}\\.pfx");
        Path saved = Browser.DOWNLOADS.resolve(name);
        Files.deleteIfExists(saved);
        browser.findElement(By.id("browser-key-save")).click();
        wait.until(d -> Files.exists(saved) && !Files.exists(Browser.DOWNLOADS.resolve(name + ".crdownload")));

        UzDst.install();
        KeyStore file = KeyStore.getInstance("PKCS12");
        file.load(new ByteArrayInputStream(Files.readAllBytes(saved)), PASSWORD.toCharArray());
        String alias = file.aliases().nextElement();
        X509Certificate certificate = (X509Certificate) file.getCertificate(alias);
        PrivateKey key = (PrivateKey) file.getKey(alias, PASSWORD.toCharArray());
        assertThat(alias).as("the alias the E-IMZO agent lists").startsWith("cn=")
                .contains("serialnumber=" + certificate.getSerialNumber().toString(16));
        assertThat(key).isInstanceOf(UzDstPrivateKey.class);
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSubjectX500Principal().getName()).as("the approved identity, not the request's").contains("CN=KARIMOV SARDOR");
        Signature signature = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        signature.initSign(key);
        signature.update(new byte[]{7, 7, 7});
        assertThat(GostIndependentVerifier.verify(new byte[]{7, 7, 7}, signature.sign(), certificate.getPublicKey().getEncoded()))
                .as("the certificate certifies exactly the key the browser made").isTrue();
        byte[] written = Files.readAllBytes(saved);
        assertThat(AgentPfxFiles.aliases(written)).as("the E-IMZO agent lists the key by its alias before any password")
                .containsExactly(ca.issuer().agentAlias(certificate));
        AgentPfxFiles.Opened opened = AgentPfxFiles.open(written, ca.issuer().agentAlias(certificate), PASSWORD.toCharArray());
        assertThat(opened.certificate()).isEqualTo(certificate);
        assertThat(opened.pkcs8()).as("the agent's PKCS#8 form of the same key").isEqualTo(UzDst.agentPkcs8(key));
        assertThat(jdbc.sql("select status from certificate where serial = ?")
                .param(new BigDecimal(certificate.getSerialNumber())).query(String.class).single()).isEqualTo("GOOD");
    }

    /** In Uzbek (the default language) on a 390 px phone: the section fits, and a wrong code is explained. */
    @Test
    void aWrongOneTimeCodeIssuesNothingAndSaysWhyInThePage() throws Exception {
        String pinfl = pinfl();
        String[] application = approvedApplication(pinfl);
        collection.newCode(application[0], application[1]);

        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            wrongCodeOnAPhone(pinfl, application);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    private void wrongCodeOnAPhone(String pinfl, String[] application) {
        browser.get("http://localhost:" + port + "/apply/track?lang=uz");
        browser.findElement(By.id("track-reference")).sendKeys(application[0]);
        browser.findElement(By.id("track-secret")).sendKeys(application[1]);
        browser.findElement(By.cssSelector("#track-form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("browser-key")));
        browser.findElement(By.id("code")).sendKeys("00000000");
        browser.findElement(By.id("browser-key-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("browser-key-repeat")).sendKeys(PASSWORD);
        browser.findElement(By.id("browser-key-collect")).click();
        wait.until(d -> d.findElement(By.id("browser-key-collect")).isEnabled());

        assertThat(browser.findElement(By.cssSelector("#browser-key h2")).getText())
                .isEqualTo("Kalitni shu brauzerda yaratish (GOST-UZ)");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue())
                .as("the page fits the phone").isLessThanOrEqualTo(((Number) js.executeScript(
                        "return document.documentElement.clientWidth")).longValue());
        assertThat(browser.findElement(By.id("browser-key-status")).getText()).startsWith("Sertifikat berilmadi:");
        assertThat(browser.findElement(By.id("browser-key-save")).getAttribute("href")).isNull();
        assertThat(jdbc.sql("select count(*) from certificate where pinfl = ?").param(pinfl).query(Long.class).single()).isZero();
    }
}
