package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.operator.Totp;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * axe-core (the webjar on the test class path, so no network) in Debian's Chromium over the main operator pages and
 * the public pages: no serious or critical violation of WCAG 2.1 A/AA (every violation found, whatever its impact, is
 * listed in target/a11y-screenshots/axe-violations.txt). Each page is also photographed at 1366×768 and
 * 390×844 into target/a11y-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityInABrowserTest extends RaTestBase {

    @RegisterExtension
    static final Browser BROWSER = new Browser();
    static final String PASSWORD = "dostupnost-parol-2026";
    static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    static final Path SHOTS = Path.of("target/a11y-screenshots");
    static final JsonMapper JSON = JsonMapper.builder().build();

    WebDriver operator;
    WebDriver visitor;
    String axe;
    long requestId;

    @BeforeAll
    void start() throws Exception {
        Assumptions.assumeTrue(Browser.available(), "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        try (InputStream script = getClass().getClassLoader().getResourceAsStream(AXE)) {
            assertThat(script).as("axe-core's webjar on the test class path").isNotNull();
            axe = new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(SHOTS);
        Files.deleteIfExists(SHOTS.resolve("axe-violations.txt"));
        Operators staff = new Operators(jdbc, directory, passwords);
        Actor everyRole = staff.operator(staff.centre(true), PASSWORD, Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR,
                Actor.Role.AUDITOR, Actor.Role.ADMINISTRATOR);
        requestId = Long.parseLong(mvc.perform(post("/requests").with(Operators.as(everyRole)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Nazarov")
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
        directory.confirmTotp(everyRole.operatorId());
        visitor = Browser.start();
        operator = Browser.start();
        operator.get(url("/login"));
        operator.findElement(By.id("username")).sendKeys(everyRole.username());
        operator.findElement(By.id("password")).sendKeys(PASSWORD);
        byte[] secret = directory.totpSecret(directory.byUsername(everyRole.username()).orElseThrow());
        operator.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now()));
        operator.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(operator, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().endsWith("/requests"));
    }

    @AfterAll
    void stop() {
        for (WebDriver browser : new WebDriver[]{operator, visitor}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/self-service", "/apply", "/apply/track", "/ca", "/cps"})
    void aPublicPageHasNoSeriousViolation(String path) throws Exception {
        assertThat(violations(visitor, path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/requests", "/requests/new", "/requests/{id}", "/requests/{id}/print", "/queues/awaiting-approval",
            "/certificates", "/certificates/expiring", "/online-applications", "/audit", "/admin", "/admin/api-tokens"})
    void anOperatorPageHasNoSeriousViolation(String path) throws Exception {
        assertThat(violations(operator, path.replace("{id}", String.valueOf(requestId)))).isEmpty();
    }

    @Test
    void theCheckSeesAnImageWithoutATextAlternative() throws Exception {
        visitor.get(url("/login"));
        ((JavascriptExecutor) visitor).executeScript(
                "const i = document.createElement('img'); i.src = '/favicon.ico'; document.body.appendChild(i);");
        assertThat(axe(visitor, "login-with-an-unlabelled-image")).anyMatch(v -> v.startsWith("image-alt (critical)"));
    }

    /** The page's serious and critical violations, one line each (rule, impact, the elements' selectors). */
    private List<String> violations(WebDriver browser, String path) throws Exception {
        browser.manage().window().setSize(new Dimension(1366, 768));
        browser.get(url(path));
        String name = path.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        shoot(browser, (name.isEmpty() ? "home" : name) + "-1366x768");
        List<String> serious = axe(browser, name);
        browser.manage().window().setSize(new Dimension(390, 844));
        shoot(browser, (name.isEmpty() ? "home" : name) + "-390x844");
        return serious;
    }

    /** Runs axe-core on the page as it is; every violation goes to the report, the serious and critical ones are returned. */
    private List<String> axe(WebDriver browser, String name) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // The audit page lists up to 500 events: axe walks every node, which takes longer than WebDriver's default
        // 30 s script timeout on two busy cores.
        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
        js.executeScript(axe);
        Object raw = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                   .then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));
                """);
        List<String> serious = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (JsonNode v : JSON.readTree((String) raw)) {
            String impact = v.path("impact").asString();
            List<String> targets = new ArrayList<>();
            v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
            String line = v.path("id").asString() + " (" + impact + "): " + v.path("help").asString() + " " + targets;
            report.append(name).append(": ").append(line).append('\n');
            if ("serious".equals(impact) || "critical".equals(impact)) {
                serious.add(line);
            }
        }
        Files.writeString(SHOTS.resolve("axe-violations.txt"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return serious;
    }

    private static void shoot(WebDriver browser, String name) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
