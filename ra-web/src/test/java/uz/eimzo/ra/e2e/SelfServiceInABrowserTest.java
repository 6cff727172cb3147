package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applicants' self-service page in headless Chromium: it fits a 390 px phone, its browser renewal explains each
 * failure in the page's language, and a keyboard user reaches the main content first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfServiceInABrowserTest extends RaTestBase {

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    @Autowired
    Registrations registrations;
    @Autowired
    EnrollmentCodes codes;

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

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private long scrollWidth() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth")).longValue();
    }

    /** The viewport width the page is laid out in (the window's inner width, without the window frame). */
    private long viewport() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth")).longValue();
    }

    private IssuanceOutcome serverKeyCertificate() {
        Applicants applicants = new Applicants(new Operators(jdbc, directory, passwords), registrations, codes);
        long request = applicants.submitted(Operators.pinfl());
        return registrations.issue(applicants.registrar(), request, KeyOption.SERVER_KEY, null);
    }

    private String renewIn(String lang, Path pfx, String password) {
        browser.get(url("/self-service?lang=" + lang));
        if (pfx != null) {
            browser.findElement(By.id("pfx-file")).sendKeys(pfx.toString());
        }
        browser.findElement(By.id("pfx-password")).sendKeys(password);
        browser.findElement(By.id("browser-renew")).click();
        WebElement status = browser.findElement(By.id("browser-renew-status"));
        wait.until(d -> !status.getText().isBlank() && !status.getText().endsWith("…"));
        return status.getText();
    }

    @Test
    void everySelfServicePageFitsA390PixelPhone(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = serverKeyCertificate();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            long width = viewport();
            browser.get(url("/self-service"));
            assertThat(scrollWidth()).as("/self-service").isLessThanOrEqualTo(width);
            browser.findElement(By.id("status-serial")).sendKeys(outcome.certificate().serial().toString(16));
            browser.findElement(By.cssSelector("#status-form button")).click();
            wait.until(d -> !d.findElements(By.id("status-result")).isEmpty());
            assertThat(scrollWidth()).as("status result").isLessThanOrEqualTo(width);
            browser.findElement(By.id("revoke-serial")).sendKeys("ABCDEF");
            browser.findElement(By.id("revoke-code")).sendKeys("AAAA-BBBB-CCCC-DDDD");
            browser.findElement(By.cssSelector("#revoke-form button")).click();
            wait.until(d -> !d.findElements(By.id("error")).isEmpty());
            assertThat(scrollWidth()).as("revocation refused").isLessThanOrEqualTo(width);
            browser.get(url("/self-service?lang=ru"));
            browser.findElement(By.cssSelector("#renew-form button[type=submit]")).click();
            wait.until(d -> !d.findElements(By.id("error")).isEmpty());
            assertThat(scrollWidth()).as("renewal refused").isLessThanOrEqualTo(width);
            assertThat(width).isLessThanOrEqualTo(390);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    @Test
    void renewalWithoutAFileSaysToChooseOne() {
        assertThat(renewIn("uz", null, "x")).isEqualTo("PKCS#12 (.pfx) faylni tanlang.");
    }

    @Test
    void renewalWithAWrongPasswordSaysThePasswordIsWrong(@TempDir Path dir) throws Exception {
        IssuanceOutcome outcome = serverKeyCertificate();
        Path pfx = dir.resolve(outcome.keyBundle().fileName());
        Files.write(pfx, outcome.keyBundle().pkcs12());

        assertThat(renewIn("ru", pfx, "not-the-password")).isEqualTo("Неверный пароль файла.");
    }

    @Test
    void renewalWithAFileThatIsNoPkcs12SaysSo(@TempDir Path dir) throws Exception {
        Path notPfx = dir.resolve("letter.pfx");
        Files.writeString(notPfx, "Hurmatli mijoz, bu PKCS#12 fayl emas.");

        assertThat(renewIn("en", notPfx, "x")).isEqualTo("The chosen file is not a PKCS#12 (.pfx) file or cannot be opened.");
    }

    @Test
    void theFirstTabReachesTheSkipLinkToTheMainContent() {
        browser.get(url("/self-service?lang=en"));
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.switchTo().activeElement();

        assertThat(focused.getAttribute("href")).endsWith("#main");
        assertThat(focused.getText()).isEqualTo("Skip to main content");
        assertThat(browser.findElements(By.id("main"))).hasSize(1);
    }

    @Test
    void everyFileInputAndTextAreaOfTheSelfServicePageHasAName() {
        browser.get(url("/self-service?lang=uz"));
        List<WebElement> fields = browser.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"));
        assertThat(fields).isNotEmpty();
        for (WebElement field : fields) {
            String name = (String) ((JavascriptExecutor) browser).executeScript(
                    "const e = arguments[0]; return e.getAttribute('aria-label') || (e.labels && e.labels.length"
                            + " ? Array.from(e.labels).map(l => l.textContent).join(' ').trim() : '')", field);
            assertThat(name).as(field.getAttribute("outerHTML")).isNotBlank();
        }
    }

    @Test
    void theFaviconIsServed() throws Exception {
        HttpResponse<byte[]> icon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/favicon.ico"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith(new byte[]{0, 0, 1, 0});
    }
}
