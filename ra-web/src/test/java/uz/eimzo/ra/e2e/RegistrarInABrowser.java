package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.time.Duration;

/**
 * A registrar of a fresh centre signed in once in Chromium for the whole class, on the requests page; the browser is
 * closed after the last test. For browser tests of the registrar's own pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistrarInABrowser extends RaTestBase {

    @RegisterExtension
    static final Browser BROWSER = new Browser();
    static final String PASSWORD = "registrator-parol-2026";

    WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void signInARegistrar() throws Exception {
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
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
