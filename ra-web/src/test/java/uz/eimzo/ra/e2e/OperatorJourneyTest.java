package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day at the service centre in a real browser: a registrar signs in with password and one-time code,
 * registers an individual and a company, a supervisor approves, certificates are issued with each key
 * option, downloaded and revoked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorJourneyTest extends RaTestBase {

    static final String PASSWORD = "Xizmat-markazi-2026";

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
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        // A waited-for element may belong to the page a click is replacing; look again rather than fail.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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

    /**
     * Signs in a fresh operator of the centre with the role: a one-time code is good once, so the same
     * operator signing in twice within 30 seconds would (rightly) be refused.
     */
    private void signIn(Actor.Role role) {
        Actor actor = operators.operator(centre, PASSWORD, role);
        directory.confirmTotp(actor.operatorId());
        browser.manage().deleteAllCookies();
        Browser.signIn(browser, url("/login"), actor.username(), PASSWORD,
                directory.totpSecret(directory.byUsername(actor.username()).orElseThrow()));
        wait.until(d -> d.getCurrentUrl().endsWith("/requests"));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void fillPerson(String pinfl) {
        type("surname", "Toshmatov");
        type("givenName", "Alisher");
        // Chromium's date input takes the digits in the locale's order; set the ISO value directly.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('birthDate').value = '1990-03-15'");
        new Select(browser.findElement(By.id("sex"))).selectByValue("M");
        type("pinfl", pinfl);
        type("documentNumber", "AA1234567");
        type("phone", "+998901234567");
    }

    private long submit() {
        browser.findElement(By.cssSelector("button[value=submit]")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/requests/\\d+$"));
        return Long.parseLong(browser.getCurrentUrl().replaceAll(".*/requests/", ""));
    }

    private void issueWith(long requestId, String option) {
        browser.get(url("/requests/" + requestId));
        browser.findElement(By.cssSelector("input[name=keyOption][value=" + option + "]")).click();
    }

    @Test
    void registrarAndSupervisorCarryIndividualAndCompanyThroughToRevocation() throws Exception {
        signIn(Actor.Role.REGISTRAR);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Arizalar");

        // An individual: the centre needs no approval, the key is generated here and downloaded once.
        browser.get(url("/requests/new?type=INDIVIDUAL"));
        fillPerson(Operators.pinfl());
        long individual = submit();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Yuborilgan");
        issueWith(individual, "SERVER_KEY");
        browser.findElement(By.id("issue")).click();
        String password = wait.until(d -> d.findElement(By.id("pfx-password"))).getText();
        assertThat(password).hasSize(16);
        String fileName = browser.findElement(By.id("pfx-download")).getText().replaceAll(".*(DS\\d+\\.pfx).*", "$1");
        browser.findElement(By.id("pfx-download")).click();
        wait.until(d -> Files.exists(Browser.DOWNLOADS.resolve(fileName)));
        assertThat(Files.size(Browser.DOWNLOADS.resolve(fileName))).isGreaterThan(1000);

        // Another individual whose token made the key: the PKCS#10 request is pasted.
        browser.get(url("/requests/new?type=INDIVIDUAL"));
        fillPerson(Operators.pinfl());
        long withToken = submit();
        issueWith(withToken, "CSR");
        var tokenKey = uz.eimzo.ca.keys.KeyAlgorithm.EC_P256.generate(new java.security.SecureRandom());
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('csrText').value = arguments[0]", uz.eimzo.ra.support.Csrs.pem(tokenKey));
        browser.findElement(By.id("issue")).click();
        wait.until(d -> d.getCurrentUrl().contains("/certificates/demo-issuing/"));
        assertThat(browser.findElement(By.id("certificate-status")).getText()).isEqualTo("Amalda");

        // A company: needs a supervisor; its key is then generated in the browser and never sent to us.
        browser.get(url("/requests/new?type=LEGAL_ENTITY"));
        fillPerson(Operators.pinfl());
        type("organisationStir", Operators.stir());
        type("organisationName", "Ipak Yo'li Savdo MCHJ");
        type("position", "direktor");
        long company = submit();
        assertThat(browser.findElements(By.id("approve"))).isEmpty();

        signIn(Actor.Role.SUPERVISOR);
        browser.get(url("/requests/" + company));
        browser.findElement(By.id("approve")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().equals("Tasdiqlangan"));

        signIn(Actor.Role.REGISTRAR);
        issueWith(company, "BROWSER_KEY");
        browser.findElement(By.id("browser-key")).click();
        wait.until(d -> d.findElement(By.id("csrText")).getAttribute("value").contains("BEGIN CERTIFICATE REQUEST"));
        assertThat(browser.findElement(By.id("browser-key-save")).getAttribute("href")).startsWith("blob:");
        browser.findElement(By.id("issue")).click();
        wait.until(d -> d.getCurrentUrl().contains("/certificates/demo-issuing/"));
        assertThat(browser.findElement(By.id("certificate-status")).getText()).isEqualTo("Amalda");
        String certificatePage = browser.getCurrentUrl();

        // The supervisor revokes it, confirming first.
        signIn(Actor.Role.SUPERVISOR);
        browser.get(certificatePage);
        new Select(browser.findElement(By.id("reason"))).selectByValue("KEY_COMPROMISE");
        browser.findElement(By.id("revoke-confirm")).click();
        WebElement revoke = browser.findElement(By.id("revoke"));
        revoke.click();
        // Wait for the old page to go first: its status cell would otherwise be read while the next page loads.
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(revoke));
        wait.until(d -> d.findElement(By.id("certificate-status")).getText().equals("Bekor qilingan"));
    }

    @Test
    void wrongPinflIsShownNextToTheFieldInTheBrowser() {
        signIn(Actor.Role.REGISTRAR);
        browser.get(url("/requests/new?type=INDIVIDUAL"));
        String good = Operators.pinfl();
        fillPerson(good.substring(0, 13) + ((good.charAt(13) - '0' + 1) % 10));
        browser.findElement(By.cssSelector("button[value=submit]")).click();
        assertThat(wait.until(d -> d.findElement(By.className("error"))).getText()).isEqualTo("JShShIR nazorat raqami noto‘g‘ri");
    }
}
