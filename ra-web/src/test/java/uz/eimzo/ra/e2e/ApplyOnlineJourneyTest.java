package uz.eimzo.ra.e2e;

import jakarta.mail.internet.MimeMessage;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ra.support.Csrs;
import uz.eimzo.ra.support.MailingRaTestBase;
import uz.eimzo.ra.support.Operators;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.openqa.selenium.StaleElementReferenceException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apply online in headless Chromium on a 390 px phone: the applicant applies in Uzbek, a registrar of the chosen
 * centre confirms the identity by the reference, a supervisor approves, and the applicant (now in Russian) collects
 * the certificate with the one-time code read from the mailbox and downloads it; bad input is explained beside its
 * field in the page's language, and a wrong tracking secret opens nothing (English).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplyOnlineJourneyTest extends MailingRaTestBase {

    static final String PASSWORD = "Onlayn-ariza-2026";

    @RegisterExtension
    static final Browser BROWSER = new Browser();

    WebDriver browser;
    WebDriverWait wait;
    long centre;
    String centreName;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        operators = new Operators(jdbc, directory, passwords);
        centre = operators.centre(true);
        centreName = jdbc.sql("select name from service_centre where id = ?").param(centre).query(String.class).single();
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
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

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }

    private void assertFitsThePhone(String what) {
        long scroll = ((Number) js().executeScript("return document.documentElement.scrollWidth")).longValue();
        long width = ((Number) js().executeScript("return document.documentElement.clientWidth")).longValue();
        assertThat(width).isLessThanOrEqualTo(390);
        assertThat(scroll).as(what + " fits 390 px").isLessThanOrEqualTo(width);
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static String femalePinfl() {
        String first13 = "4" + Operators.pinfl().substring(1, 13);
        return first13 + Pinfl.checkDigit(first13);
    }

    private void fill(String pinfl, String email) {
        fill(pinfl, email, centreName);
    }

    private void fill(String pinfl, String email, String centre) {
        type("surname", "Yusupova");
        type("givenName", "Malika");
        js().executeScript("document.getElementById('birthDate').value = '1990-03-15'");
        new Select(browser.findElement(By.id("sex"))).selectByValue("F");
        type("pinfl", pinfl);
        type("documentNumber", "AC7654321");
        type("phone", "+99893" + (1000000 + new SecureRandom().nextInt(8999999)));
        type("email", email);
        new Select(browser.findElement(By.id("centreId"))).selectByVisibleText(centre);
        browser.findElement(By.cssSelector("input[name=keyOption][value=CSR]")).click();
    }

    private void signIn(Actor.Role role) {
        Actor actor = operators.operator(centre, PASSWORD, role);
        directory.confirmTotp(actor.operatorId());
        browser.manage().deleteAllCookies();
        Browser.signIn(browser, url("/login"), actor.username(), PASSWORD,
                directory.totpSecret(directory.byUsername(actor.username()).orElseThrow()));
        wait.until(d -> d.getCurrentUrl().endsWith("/requests"));
    }

    @Test
    void appliedOnAPhoneConfirmedAtTheCentreApprovedAndCollectedWithTheMailedCode() throws Exception {
        String email = email();
        String reference;
        String secret;
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.manage().deleteAllCookies();
            browser.get(url("/apply?lang=uz"));
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("E-IMZO kalitiga onlayn ariza berish");
            assertFitsThePhone("/apply");
            fill(femalePinfl(), email);
            browser.findElement(By.id("apply")).click();
            reference = wait.until(d -> d.findElement(By.id("reference"))).getText();
            secret = browser.findElement(By.id("tracking-secret")).getText();
            assertFitsThePhone("received");
            assertThat(reference).matches("A-[A-Z2-9]{5}-[A-Z2-9]{5}");
            MimeMessage received = awaitMail(email, reference);
            assertThat(body(received)).contains(reference).doesNotContain(secret);

            browser.findElement(By.id("track-link")).click();
            assertThat(wait.until(d -> d.findElement(By.id("stage"))).getText())
                    .isEqualTo("Qabul qilindi, markazda shaxsni tasdiqlash kutilmoqda");
            assertFitsThePhone("/apply/track");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }

        // At the centre: the registrar finds the application by its reference and confirms it against the passport.
        signIn(Actor.Role.REGISTRAR);
        browser.get(url("/online-applications"));
        type("q", reference);
        WebElement search = browser.findElement(By.cssSelector("#queue-search button"));
        search.click();
        // The search reloads the queue: a link found before the new page arrives would be stale.
        wait.until(ExpectedConditions.stalenessOf(search));
        wait.until(d -> d.findElement(By.linkText(reference))).click();
        assertThat(wait.until(d -> d.findElement(By.id("documentNumber"))).getAttribute("value")).isEqualTo("AC7654321");
        browser.findElement(By.id("documentsChecked")).click();
        browser.findElement(By.id("confirm")).click();
        wait.until(d -> d.getCurrentUrl().matches(".*/requests/\\d+$"));
        long request = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/requests/", ""));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Yuborilgan");
        awaitMail(email, "shaxs tasdiqlandi");

        signIn(Actor.Role.SUPERVISOR);
        browser.get(url("/requests/" + request));
        browser.findElement(By.id("approve")).click();
        wait.until(d -> d.findElement(By.id("status")).getText().equals("Tasdiqlangan"));
        awaitMail(email, "sertifikatingiz tayyor");

        // At home, in Russian: the tracking page, a one-time code from the mailbox and the token's request.
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(url("/apply/" + reference + "?lang=ru"));
            type("track-secret", secret);
            browser.findElement(By.cssSelector("#track-form button")).click();
            assertThat(wait.until(d -> d.findElement(By.id("stage"))).getText()).isEqualTo("Одобрена");
            assertFitsThePhone("approved");
            browser.findElement(By.id("send-code")).click();
            wait.until(d -> !d.findElements(By.id("code-sent")).isEmpty());
            String code = codeIn(awaitMail(email, "bir martalik kod"));
            var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
            type("code", code);
            js().executeScript("document.getElementById('csrText').value = arguments[0]", Csrs.pem(key));
            browser.findElement(By.id("collect-button")).click();
            String serial = wait.until(d -> d.findElement(By.id("serial"))).getText();
            assertFitsThePhone("collected");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Ваш сертификат");
            browser.findElement(By.id("certificate-download")).click();
            Path file = Browser.DOWNLOADS.resolve(serial + ".cer");
            wait.until(d -> Files.exists(file));
            wait.until(d -> {
                try {
                    return Certificates.parse(Files.readAllBytes(file)).getPublicKey().equals(key.getPublic());
                } catch (Exception partial) {
                    return false;
                }
            });
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
        assertThat(jdbc.sql("select status from certificate_request where id = ?").param(request).query(String.class).single())
                .isEqualTo("ISSUED");
    }

    @Test
    void appliedInEnglishConfirmedRemotelyByTheMyIdSimulatorAndCollectedWithoutAVisit() throws Exception {
        long remoteCentre = operators.centre(false);
        String remoteCentreName = jdbc.sql("select name from service_centre where id = ?").param(remoteCentre)
                .query(String.class).single();
        String email = email();
        browser.manage().deleteAllCookies();
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            browser.get(url("/apply?lang=en"));
            fill(femalePinfl(), email, remoteCentreName);
            String phone = browser.findElement(By.id("phone")).getAttribute("value");
            browser.findElement(By.id("apply")).click();
            wait.until(d -> d.findElement(By.id("tracking-secret")));
            browser.findElement(By.id("track-link")).click();
            type("email-code", codeIn(awaitMail(email, "confirm your e-mail address")));
            browser.findElement(By.id("email-confirm")).click();
            wait.until(d -> d.findElement(By.id("email-confirmed")));
            // SMS is on: the phone is confirmed with the code texted to it (read from the gateway's stand-in).
            type("phone-code", phoneCode(phone));
            browser.findElement(By.id("phone-confirm")).click();
            wait.until(d -> d.findElement(By.id("phone-confirmed")));
            browser.findElement(By.id("myid-start")).click();
            wait.until(d -> d.findElement(By.id("myid-open"))).click();

            // The simulator's page stands in for MyID's face capture; the tester plays the face and the register.
            assertThat(wait.until(d -> d.findElement(By.id("simulator"))).getText()).isEqualTo("MyID SIMULATOR (not the real MyID)");
            browser.findElement(By.id("last_name")).sendKeys("YUSUPOVA");
            browser.findElement(By.id("first_name")).sendKeys("MALIKA");
            new Select(browser.findElement(By.id("gender"))).selectByValue("F");
            browser.findElement(By.id("match")).click();

            assertThat(wait.until(d -> d.findElement(By.id("myid-confirmed"))).getText()).isEqualTo("MyID confirmed your identity.");
            assertFitsThePhone("MyID result");
            browser.findElement(By.id("track-link")).click();
            assertThat(wait.until(d -> d.findElement(By.id("stage"))).getText()).isEqualTo("Identity confirmed");
            awaitMail(email, "identity confirmed");

            browser.findElement(By.id("send-code")).click();
            wait.until(d -> !d.findElements(By.id("code-sent")).isEmpty());
            String code = codeIn(awaitMail(email, "one-time code"));
            var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
            type("code", code);
            js().executeScript("document.getElementById('csrText').value = arguments[0]", Csrs.pem(key));
            browser.findElement(By.id("collect-button")).click();
            String serial = wait.until(d -> d.findElement(By.id("serial"))).getText();
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your certificate");
            assertThat(jdbc.sql("select count(*) from certificate where serial = ? and status = 'GOOD'")
                    .param(new BigDecimal(new BigInteger(serial, 16))).query(Integer.class).single()).isOne();
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1600));
        }
    }

    @Test
    void aWrongPinflIsExplainedBesideItsFieldInRussianAndGetsTheFocus() {
        browser.manage().deleteAllCookies();
        browser.get(url("/apply?lang=ru"));
        fill("41503901001", email());
        // The browser's own checks would stop the form; the server's answer is what is tested.
        js().executeScript("document.getElementById('apply-form').noValidate = true");
        browser.findElement(By.id("apply")).click();

        WebElement error = wait.until(d -> d.findElement(By.cssSelector("#pinfl + .error, #pinfl ~ .error")));
        assertThat(error.getText()).isEqualTo("ПИНФЛ состоит из 14 цифр");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("pinfl");
        assertThat(browser.findElement(By.id("pinfl")).getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void aWrongTrackingSecretOpensNothingAndSaysSoInEnglish() {
        browser.manage().deleteAllCookies();
        browser.get(url("/apply/track?lang=en"));
        type("track-reference", "A-AAAAA-BBBBB");
        type("track-secret", "AAAA-BBBB-CCCC-DDDD");
        browser.findElement(By.cssSelector("#track-form button")).click();

        assertThat(wait.until(d -> d.findElement(By.id("error"))).getText()).isEqualTo("The reference or the tracking secret is wrong.");
        assertThat(browser.findElements(By.id("stage"))).isEmpty();
    }

    @Test
    void everyFieldOfTheApplicationFormHasAName() {
        browser.get(url("/apply?lang=uz&type=LEGAL_ENTITY"));
        List<WebElement> fields = browser.findElements(By.cssSelector("main input:not([type=hidden]), main select, main textarea"));
        assertThat(fields).hasSizeGreaterThan(15);
        for (WebElement field : fields) {
            String name = (String) js().executeScript(
                    "const e = arguments[0]; return e.getAttribute('aria-label') || (e.labels && e.labels.length"
                            + " ? Array.from(e.labels).map(l => l.textContent).join(' ').trim() : '')", field);
            assertThat(name).as(field.getAttribute("outerHTML")).isNotBlank();
        }
    }

    static String codeIn(MimeMessage mail) throws Exception {
        Matcher code = Pattern.compile("\\b([0-9]{4}-[0-9]{4})\\b").matcher(body(mail));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }
}
