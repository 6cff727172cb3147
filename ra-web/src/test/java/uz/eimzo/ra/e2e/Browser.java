package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import uz.eimzo.ra.operator.Totp;

import java.io.File;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Debian's headless Chromium driven by its chromedriver; screenshots of failures go to target/e2e-screenshots. */
final class Browser implements TestWatcher {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path DOWNLOADS = Path.of("target/e2e-downloads").toAbsolutePath();

    static WebDriver current;

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    static WebDriver start() throws java.io.IOException {
        Files.createDirectories(DOWNLOADS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1600", "--lang=uz");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        current = new ChromeDriver(service, options);
        return current;
    }

    /**
     * Fills in the login page at {@code loginUrl} for an operator whose authenticator holds {@code totpSecret} (the
     * password, then the code it shows now) and submits it; where the operator lands is the caller's to wait for.
     */
    static void signIn(WebDriver browser, String loginUrl, String username, String password, byte[] totpSecret) {
        browser.get(loginUrl);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("code")).sendKeys(Totp.code(totpSecret, Instant.now()));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (current instanceof TakesScreenshot camera) {
            try {
                Path dir = Path.of("target/e2e-screenshots");
                Files.createDirectories(dir);
                File shot = camera.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), dir.resolve(context.getRequiredTestMethod().getName() + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve(context.getRequiredTestMethod().getName() + ".html"),
                        Optional.ofNullable(current.getPageSource()).orElse(""));
            } catch (Exception ignored) {
                // A screenshot is a courtesy; the failure itself is already reported.
            }
        }
    }
}
