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
import org.openqa.selenium.support.ui.WebDriverWait;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar's request form in Chromium offers the certificate's purposes, every one ticked: the registrar unticks
 * what the applicant does not need and the request's page (the one the supervisor approves from) names only the rest;
 * unticking every box is explained beside the boxes, in the page's language, and the form keeps what was typed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeskPurposesInABrowserTest extends RaTestBase {

    @RegisterExtension
    static final Browser BROWSER = new Browser();
    static final String PASSWORD = "registrator-parol-2026";
    static final String REPORTING = "1.2.860.3.2.2.1.2.1";
    static final String DECLARATIONS = "1.2.860.3.2.2.1.2.2";
    static final String PAYMENTS = "1.2.860.3.2.2.1.2.3";
    static final String TRADES = "1.2.860.3.2.2.1.2.4";

    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        Operators staff = new Operators(jdbc, directory, passwords);
        Actor registrar = staff.operator(staff.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        directory.confirmTotp(registrar.operatorId());
        Browser.signIn(browser, url("/login"), registrar.username(), PASSWORD,
                directory.totpSecret(directory.byUsername(registrar.username()).orElseThrow()));
        wait.until(d -> d.getCurrentUrl().endsWith("/requests"));
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

    private WebElement purpose(String oid) {
        return browser.findElement(By.cssSelector("input[name=purposes][value='" + oid + "']"));
    }

    private void typeAnIndividual(String lang) {
        browser.get(url("/requests/new?lang=" + lang));
        browser.findElement(By.id("surname")).sendKeys("Aliyev");
        browser.findElement(By.id("givenName")).sendKeys("Vali");
        // The page fills in birth date and sex from the PINFL as it is typed.
        browser.findElement(By.id("pinfl")).sendKeys(Operators.pinfl());
        browser.findElement(By.id("documentNumber")).sendKeys("AC1234567");
        browser.findElement(By.id("phone")).sendKeys("901234567");
    }

    @Test
    void theRegistrarUnticksWhatIsNotNeededAndTheRequestNamesOnlyTheRest() {
        typeAnIndividual("en");
        assertThat(purpose(REPORTING).isSelected() && purpose(DECLARATIONS).isSelected() && purpose(PAYMENTS).isSelected()
                && purpose(TRADES).isSelected()).as("every purpose ticked at first").isTrue();
        purpose(DECLARATIONS).click();
        purpose(TRADES).click();
        browser.findElement(By.cssSelector("button[name=action][value=submit]")).click();

        wait.until(d -> d.getCurrentUrl().matches(".*/requests/\\d+.*"));
        String purposes = browser.findElement(By.id("purposes")).getText();
        assertThat(purposes).contains(REPORTING).contains(PAYMENTS).doesNotContain(DECLARATIONS).doesNotContain(TRADES);
    }

    @Test
    void noPurposeTickedIsExplainedBesideTheBoxesInRussian() {
        typeAnIndividual("ru");
        for (String oid : new String[]{REPORTING, DECLARATIONS, PAYMENTS, TRADES}) {
            purpose(oid).click();
        }
        browser.findElement(By.cssSelector("button[name=action][value=submit]")).click();

        wait.until(d -> !d.findElements(By.id("purposes-error")).isEmpty());
        assertThat(browser.findElement(By.id("purposes-error")).getText()).contains("Выберите, для чего нужен сертификат");
        assertThat(browser.findElement(By.id("surname")).getAttribute("value")).isEqualTo("Aliyev");
    }
}
