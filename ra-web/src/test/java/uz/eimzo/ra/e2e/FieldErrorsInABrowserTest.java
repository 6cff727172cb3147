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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.RaTestBase;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Field errors of the application form as a screen-reader user meets them: tied to their fields, focus on the first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FieldErrorsInABrowserTest extends RaTestBase {

    @RegisterExtension
    static final Browser BROWSER = new Browser();
    static final String PASSWORD = "registrator-parol-2026";

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

    @Test
    void eachFieldErrorIsTiedToItsFieldAndTheFirstFieldInErrorHasTheFocus() {
        Actor registrar = operators.operator(operators.centre(false), PASSWORD, Actor.Role.REGISTRAR);
        directory.confirmTotp(registrar.operatorId());
        Browser.signIn(browser, url("/login?lang=en"), registrar.username(), PASSWORD,
                directory.totpSecret(directory.byUsername(registrar.username()).orElseThrow()));
        wait.until(d -> d.getCurrentUrl().endsWith("/requests"));

        browser.get(url("/requests/new"));
        // The server's checks, not the browser's: submit the form empty.
        ((JavascriptExecutor) browser).executeScript(
                "const f = document.querySelector('main form[method=post]'); f.noValidate = true; f.submit();");
        wait.until(d -> !d.findElements(By.cssSelector("main .error")).isEmpty());

        List<WebElement> errors = browser.findElements(By.cssSelector("main .error"));
        WebElement firstField = null;
        for (WebElement error : errors) {
            WebElement field = error.findElement(By.xpath("..")).findElement(By.cssSelector("input, select, textarea"));
            assertThat(error.getAttribute("id")).as(error.getText()).isNotBlank();
            assertThat(field.getAttribute("aria-describedby")).as(error.getText()).contains(error.getAttribute("id"));
            assertThat(field.getAttribute("aria-invalid")).as(error.getText()).isEqualTo("true");
            if (firstField == null) {
                firstField = field;
            }
        }
        assertThat(firstField).isNotNull();
        assertThat(browser.switchTo().activeElement()).isEqualTo(firstField);
    }
}
