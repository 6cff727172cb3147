package uz.eimzo.ra.e2e;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ra.support.Csrs;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * axe-core (the webjar on the test class path, so no network) in Debian's Chromium over every page an operator,
 * auditor, administrator or applicant reaches: each GET page the controllers map (the walk fails when a mapped page is
 * neither visited nor in {@link #NOT_PAGES}), and the pages a form's POST answers with (scan preview, issued key,
 * self-service results, the received application). Each page is checked at 1366×768 and at a 390×844 phone: no serious
 * or critical violation of WCAG 2.1 A/AA, and at 390 px nothing wider than the screen. Every violation found, whatever
 * its impact, is listed in target/screenshots/axe-violations.txt beside a screenshot of each page at each width.
 * One browser for the visitor and one for the operator; the width changes on the loaded page. Every page visited by
 * address is loaded again in Russian and English on the phone, whose longer words must fit too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityInABrowserTest extends RaTestBase {

    @RegisterExtension
    static final Browser BROWSER = new Browser();
    static final String PASSWORD = "dostupnost-parol-2026";
    static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    static final Path SHOTS = Path.of("target/screenshots");
    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Mapped GET addresses that are no page to check, each with why: files, redirects and the JSON API. Everything
     * else the controllers map must be visited by the walk.
     */
    static final Map<String, String> NOT_PAGES = Map.ofEntries(
            Map.entry("/", "redirects to /requests"),
            Map.entry("/actuator/health", "the public health status (JSON)"),
            Map.entry("/error", "Spring Boot's error address; the 404 and 400 pages are visited as /no-such-page and a missing request"),
            Map.entry("/ca/{name}.crt", "a certificate file"),
            Map.entry("/ca/{name}.pem", "a certificate file"),
            Map.entry("/certificates/{caName}/{serial}/download", "a certificate file"),
            Map.entry("/requests/{id}/pfx", "the PKCS#12 file"),
            Map.entry("/requests/{id}/scans/{scanId}", "a scan file"),
            Map.entry("/requests/{id}/scans/preview/{batch}/{index}", "a waiting scan's file (shown inside the preview page)"),
            Map.entry("/self-service/challenge.txt", "the challenge as a text file"),
            Map.entry("/self-service/renewed.pfx", "the PKCS#12 file"),
            Map.entry("/admin/client-certificate", "the operator's PKCS#12 file"),
            Map.entry("/apply/certificate", "the collected certificate file"));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    WebDriver operator;
    WebDriver visitor;
    Actor everyRole;
    String centreName;
    String applicantEmail;
    String axe;
    long draftId;
    long issuableId;
    final Set<String> visited = new TreeSet<>();
    /** The addresses visited by GET, per browser, for the phone-width pass in Russian and English. */
    final Map<WebDriver, List<String>> addresses = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

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
        long centre = staff.centre(false);
        centreName = jdbc.sql("select name from service_centre where id = ?").param(centre).query(String.class).single();
        everyRole = staff.operator(centre, PASSWORD, Actor.Role.REGISTRAR, Actor.Role.SUPERVISOR,
                Actor.Role.AUDITOR, Actor.Role.ADMINISTRATOR);
        draftId = register();
        issuableId = register();
        mvc.perform(post("/requests/" + issuableId + "/submit").with(Operators.as(everyRole)).with(csrf()));
        directory.confirmTotp(everyRole.operatorId());
        visitor = Browser.start();
        operator = Browser.start();
        signIn(operator, everyRole);
        new WebDriverWait(operator, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().endsWith("/requests"));
    }

    private long register() throws Exception {
        return Long.parseLong(mvc.perform(post("/requests").with(Operators.as(everyRole)).with(csrf())
                        .param("formToken", UUID.randomUUID().toString()).param("type", "INDIVIDUAL").param("surname", "Nazarov")
                        .param("givenName", "Bobur").param("birthDate", "1990-03-15").param("sex", "M")
                        .param("pinfl", Operators.pinfl()).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                        .param("phone", "+998 90 123 45 67").param("representative", "false"))
                .andReturn().getResponse().getRedirectedUrl().replace("/requests/", ""));
    }

    private void signIn(WebDriver browser, Actor actor) {
        Browser.signIn(browser, url("/login"), actor.username(), PASSWORD,
                directory.totpSecret(directory.byUsername(actor.username()).orElseThrow()));
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

    @Test
    void everyPageHasNoSeriousViolationAndFitsThePhone() throws Exception {
        String reference = publicPages();
        String serial = operatorPages(reference);
        applicantResults(serial);
        inTheOtherLanguagesOnThePhone();

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(problems).as("serious or critical axe violations, and pages wider than a 390 px phone").isEmpty();
        Set<String> pages = new TreeSet<>();
        mappings.getHandlerMethods().keySet().stream()
                .filter(info -> info.getMethodsCondition().getMethods().isEmpty()
                        || info.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .flatMap(info -> info.getPatternValues().stream())
                .filter(p -> !p.startsWith("/api/") && !p.equals("/api") && !p.startsWith("/v3/") && !p.startsWith("/swagger"))
                .forEach(pages::add);
        softly.assertThat(pages).as("GET pages mapped by the controllers").contains("/requests", "/self-service/status");
        Set<String> unchecked = new TreeSet<>(pages);
        unchecked.removeAll(visited);
        unchecked.removeAll(NOT_PAGES.keySet());
        softly.assertThat(unchecked).as("mapped pages neither checked nor excluded with a reason").isEmpty();
        Set<String> stale = new TreeSet<>(NOT_PAGES.keySet());
        stale.removeAll(pages);
        softly.assertThat(stale).as("exclusions of addresses no longer mapped").isEmpty();
        softly.assertAll();
    }

    /** The public pages, and an application made on /apply; returns its reference. */
    private String publicPages() throws Exception {
        for (String path : List.of("/login", "/self-service", "/apply", "/apply/track", "/ca", "/cps")) {
            visit(visitor, path, path);
        }
        visit(visitor, "/apply/myid/return", "/apply/myid/return?session=no-such-session");
        visit(visitor, "/error", "/no-such-page");
        visitor.get(url("/apply"));
        String first13 = "4" + Operators.pinfl().substring(1, 13);
        type(visitor, "surname", "Yusupova");
        type(visitor, "givenName", "Malika");
        ((JavascriptExecutor) visitor).executeScript("document.getElementById('birthDate').value = '1990-03-15'");
        new Select(visitor.findElement(By.id("sex"))).selectByValue("F");
        type(visitor, "pinfl", first13 + Pinfl.checkDigit(first13));
        type(visitor, "documentNumber", "AC7654321");
        type(visitor, "phone", "+99893" + (1000000 + (int) (Math.random() * 8999999)));
        applicantEmail = "a11y-" + UUID.randomUUID() + "@example.uz";
        type(visitor, "email", applicantEmail);
        new Select(visitor.findElement(By.id("centreId"))).selectByVisibleText(centreName);
        visitor.findElement(By.cssSelector("input[name=keyOption][value=CSR]")).click();
        visitor.findElement(By.id("apply")).click();
        String reference = wait(visitor).until(d -> d.findElement(By.id("reference"))).getText();
        check(visitor, "/apply/submit", "apply-received");
        visit(visitor, "/apply/{reference:A-[A-Za-z0-9]{5}-[A-Za-z0-9]{5}}", "/apply/" + reference);
        // The session has the application open since it was sent: the tracking page shows its stage.
        visitor.get(url("/apply/track"));
        wait(visitor).until(d -> d.findElement(By.id("stage")));
        check(visitor, "/apply/track", "apply-track-opened");
        return reference;
    }

    /** The operator's pages with every role; returns the serial of the certificate issued in the browser. */
    private String operatorPages(String reference) throws Exception {
        for (String path : List.of("/requests", "/requests/new", "/certificates", "/certificates/expiring",
                "/online-applications", "/admin", "/admin/api-tokens", "/admin/remote-identity")) {
            visit(operator, path, path);
        }
        for (String queue : List.of("awaiting-approval", "ready-to-issue", "expiring", "recently-issued")) {
            visit(operator, "/queues/{name}", "/queues/" + queue);
        }
        visit(operator, "/audit", "/audit?actor=" + everyRole.username());
        visit(operator, "/online-applications/{reference}", "/online-applications/" + reference);
        // The centre confirms the applicant's identity: the application becomes a request its applicant may collect.
        operator.findElement(By.id("documentsChecked")).click();
        operator.findElement(By.id("confirm")).click();
        wait(operator).until(d -> d.getCurrentUrl().matches(".*/requests/\\d+$"));
        visit(operator, "/requests/{id}", "/requests/" + draftId);
        visit(operator, "/requests/{id}/print", "/requests/" + draftId + "/print");
        visit(operator, "/error", "/requests/999999999");

        Path png = Files.write(Files.createTempFile("passport", ".png"), tinyPng());
        Path pdf = Files.writeString(Files.createTempFile("power", ".pdf"), "%PDF-1.4\n%%EOF\n");
        operator.get(url("/requests/" + draftId));
        operator.findElement(By.id("scan-files")).sendKeys(png.toAbsolutePath() + "\n" + pdf.toAbsolutePath());
        operator.findElement(By.cssSelector("#scans-upload button[type=submit]")).click();
        wait(operator).until(d -> d.findElement(By.id("scans-preview")));
        check(operator, "POST /requests/{id}/scans/preview", "scans-preview");

        operator.get(url("/requests/" + issuableId));
        operator.findElement(By.id("issue")).click();
        wait(operator).until(d -> d.findElement(By.id("pfx-password")));
        check(operator, "POST /requests/{id}/issue", "key-issued");
        visit(operator, "/requests/{id}/issue", "/requests/" + issuableId + "/issue?lang=ru");
        visit(operator, "/requests/{id}/receipt", "/requests/" + issuableId + "/receipt?lang=uz");
        operator.get(url("/requests/" + issuableId));
        String certificate = operator.findElement(By.id("certificate-link")).getAttribute("href");
        String serial = operator.findElement(By.id("certificate-link")).getText();
        visit(operator, "/certificates/{caName}/{serial}", certificate.substring(certificate.indexOf("/certificates/")));
        return serial;
    }

    /** The self-service results for the certificate just issued, and a new operator's first sign-in. */
    private void applicantResults(String serial) throws Exception {
        visitor.get(url("/self-service"));
        type(visitor, "status-serial", serial);
        visitor.findElement(By.cssSelector("#status-form button[type=submit]")).click();
        wait(visitor).until(d -> d.findElement(By.id("status-result")));
        check(visitor, "/self-service/status", "self-service-status");

        visitor.get(url("/self-service"));
        type(visitor, "revoke-serial", serial);
        type(visitor, "revoke-code", "AAAA-BBBB-CCCC-DDDD");
        visitor.findElement(By.cssSelector("#revoke-form button[type=submit]")).click();
        wait(visitor).until(d -> d.getCurrentUrl().endsWith("/self-service/revoke"));
        check(visitor, "/self-service/revoke", "self-service-revoke");

        visitor.get(url("/self-service"));
        visitor.findElement(By.id("renew")).click();
        wait(visitor).until(d -> d.getCurrentUrl().endsWith("/self-service/renew"));
        check(visitor, "/self-service/renew", "self-service-renew");

        visitor.get(url("/self-service"));
        visitor.findElement(By.id("renew-server-key")).click();
        wait(visitor).until(d -> d.getCurrentUrl().endsWith("/self-service/renew-server-key"));
        check(visitor, "/self-service/renew-server-key", "self-service-renew-server-key");

        // The applicant collects the certificate with the code mailed to them (the demo mailbox) and their own request.
        visitor.get(url("/apply/track"));
        visitor.findElement(By.id("send-code")).click();
        wait(visitor).until(d -> !d.findElements(By.id("code-sent")).isEmpty());
        type(visitor, "code", mailedCode());
        ((JavascriptExecutor) visitor).executeScript("document.getElementById('csrText').value = arguments[0]",
                Csrs.pem(KeyAlgorithm.EC_P256.generate(new SecureRandom())));
        visitor.findElement(By.id("collect-button")).click();
        wait(visitor).until(d -> d.findElement(By.id("serial")));
        check(visitor, "/apply/collect", "apply-collected");

        Actor newcomer = new Operators(jdbc, directory, passwords).operator(everyRole.centreId(), PASSWORD, Actor.Role.REGISTRAR);
        visitor.get(url("/login"));
        visitor.findElement(By.id("username")).sendKeys(newcomer.username());
        visitor.findElement(By.id("password")).sendKeys(PASSWORD);
        visitor.findElement(By.cssSelector("button[type=submit]")).click();
        wait(visitor).until(d -> d.getCurrentUrl().contains("/enrol"));
        check(visitor, "/enrol", "enrol");
    }

    /** The one-time code of the demo mailbox's newest message to the applicant (the .eml files beside the credentials). */
    private String mailedCode() throws Exception {
        Path mailbox = DIRECTORY.resolve("demo-mailbox");
        Pattern code = Pattern.compile("\\b([0-9]{4}-[0-9]{4})\\b");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(mailbox)) {
                try (Stream<Path> files = Files.list(mailbox)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().contains(applicantEmail)).sorted(Comparator.reverseOrder()).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            Matcher found = code.matcher(text(new MimeMessage(Session.getInstance(new Properties()), in).getContent()));
                            if (found.find()) {
                                return found.group(1);
                            }
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no code mailed to " + applicantEmail);
    }

    private static String text(Object content) throws Exception {
        if (content instanceof Multipart parts) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < parts.getCount(); i++) {
                all.append(text(parts.getBodyPart(i).getContent()));
            }
            return all.toString();
        }
        return String.valueOf(content);
    }

    @Test
    void theCheckSeesAnImageWithoutATextAlternative() throws Exception {
        visitor.get(url("/login"));
        ((JavascriptExecutor) visitor).executeScript(
                "const i = document.createElement('img'); i.src = '/favicon.ico'; document.body.appendChild(i);");
        assertThat(axe(visitor, "login-with-an-unlabelled-image")).anyMatch(v -> v.startsWith("image-alt (critical)"));
    }

    @Test
    void theCheckSeesAPageWiderThanThePhone() throws Exception {
        visitor.get(url("/login"));
        ((JavascriptExecutor) visitor).executeScript(
                "const d = document.createElement('div'); d.style.width = '800px'; d.textContent = 'x'; document.querySelector('main').appendChild(d);");
        width(visitor, 390, 844, true);
        assertThat(tooWide(visitor, 390)).isTrue();
        width(visitor, 1366, 768, false);
    }

    /**
     * Russian and English run longer than Uzbek: every page visited by address again in each, on the phone, for its
     * width only (axe's rules do not depend on the language; the pages' lang attribute follows it).
     */
    private void inTheOtherLanguagesOnThePhone() {
        for (String language : List.of("ru", "en")) {
            addresses.forEach((browser, paths) -> {
                width(browser, 390, 844, true);
                for (String path : paths) {
                    browser.get(url(path + (path.contains("?") ? "&" : "?") + "lang=" + language));
                    if (tooWide(browser, 390)) {
                        problems.add(path + " in " + language + " at 390x844: wider than the screen, " + ((JavascriptExecutor) browser)
                                .executeScript("return document.documentElement.scrollWidth") + " px; widest: " + widest(browser));
                    }
                }
                width(browser, 1366, 768, false);
            });
        }
    }

    private void visit(WebDriver browser, String pattern, String path) throws Exception {
        addresses.computeIfAbsent(browser, b -> new ArrayList<>()).add(path);
        browser.get(url(path));
        check(browser, pattern, path);
    }

    /** The page as loaded, at both widths: its serious axe violations and, on the phone, its width go to the problems. */
    private void check(WebDriver browser, String pattern, String name) throws Exception {
        visited.add(pattern);
        String file = name.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        for (boolean phone : new boolean[]{false, true}) {
            String size = phone ? "390x844" : "1366x768";
            width(browser, phone ? 390 : 1366, phone ? 844 : 768, phone);
            shoot(browser, file + "-" + size);
            for (String line : axe(browser, file + " " + size)) {
                problems.add(name + " at " + size + ": " + line);
            }
            if (phone && tooWide(browser, 390)) {
                problems.add(name + " at " + size + ": wider than the screen, " + ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth") + " px; widest: " + widest(browser));
            }
        }
        width(browser, 1366, 768, false);
    }

    private static void width(WebDriver browser, int width, int height, boolean mobile) {
        ((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Whether the page is wider than the phone's screen (a phone then zooms out or scrolls sideways). */
    private static boolean tooWide(WebDriver browser, int screen) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > arguments[0]", screen);
    }

    /** The elements sticking out past the screen's right edge, for the report. */
    private static Object widest(WebDriver browser) {
        return ((JavascriptExecutor) browser).executeScript("""
                return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
                  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                  + ' ' + Math.round(e.getBoundingClientRect().right) + 'px').join(', ');
                """);
    }

    private static void type(WebDriver browser, String id, String text) {
        browser.findElement(By.id(id)).clear();
        browser.findElement(By.id(id)).sendKeys(text);
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    /** A 1×1 PNG, so the preview shows a real image. */
    private static byte[] tinyPng() {
        return Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    /** Moderate by axe's measure, but a keyboard user who cannot reach content is shut out of it. */
    private static final Set<String> KEYBOARD = Set.of("scrollable-region-focusable");

    /** Runs axe-core on the page as it is; every violation goes to the report, the serious and critical ones are returned. */
    private List<String> axe(WebDriver browser, String name) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
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
            if ("serious".equals(impact) || "critical".equals(impact) || KEYBOARD.contains(v.path("id").asString())) {
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
