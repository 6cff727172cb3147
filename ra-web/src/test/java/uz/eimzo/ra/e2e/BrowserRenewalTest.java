package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.issuance.AgentPfxFiles;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.issuance.KeyBundle;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.IssuanceOutcome;
import uz.eimzo.ca.registration.KeyOption;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ra.cmp.Applicants;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.List;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renewal in headless Chromium with the applicant's PKCS#12 file opened in the page: the browser signs the challenge,
 * makes the new key and writes the new PKCS#12, which the JDK then opens with the new password. The renewal window is
 * widened to 400 days (shared context with the other renewal tests) so a fresh certificate is renewable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = "eimzo.cmp.renewal-window=400d")
class BrowserRenewalTest extends RaTestBase {

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

    @Test
    void pkcs12OpenedInTheBrowserIsRenewedIntoANewPkcs12(@TempDir Path dir) throws Exception {
        Applicants applicants = new Applicants(new Operators(jdbc, directory, passwords), registrations, codes);
        String pinfl = Operators.pinfl();
        long request = applicants.submitted(pinfl);
        IssuanceOutcome current = registrations.issue(applicants.registrar(), request, KeyOption.SERVER_KEY, null);
        Path pfx = dir.resolve(current.keyBundle().fileName());
        Files.write(pfx, current.keyBundle().pkcs12());

        browser.get("http://localhost:" + port + "/self-service?lang=en");
        browser.findElement(By.id("pfx-file")).sendKeys(pfx.toString());
        browser.findElement(By.id("pfx-password")).sendKeys(new String(current.keyBundle().password()));
        browser.findElement(By.id("pfx-new-password")).sendKeys("new-secret-1");
        browser.findElement(By.id("browser-renew")).click();
        wait.until(d -> d.findElement(By.id("browser-renew-save")).getAttribute("href") != null
                || d.findElement(By.id("browser-renew-status")).getText().startsWith("Failed"));
        assertThat(browser.findElement(By.id("browser-renew-status")).getText()).startsWith("Done");

        String name = browser.findElement(By.id("browser-renew-save")).getAttribute("download");
        assertThat(name).matches("DS" + pinfl + "\\d{4}\\.pfx");
        assertThat(browser.findElement(By.id("browser-renew-code")).getText()).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}");
        // Saved as the applicant would: the link's download lands in Chromium's download directory.
        Path saved = Browser.DOWNLOADS.resolve(name);
        Files.deleteIfExists(saved);
        browser.findElement(By.id("browser-renew-save")).click();
        wait.until(d -> Files.exists(saved) && !Files.exists(Browser.DOWNLOADS.resolve(name + ".crdownload")));

        KeyStore renewed = KeyStore.getInstance("PKCS12");
        renewed.load(new ByteArrayInputStream(Files.readAllBytes(saved)), "new-secret-1".toCharArray());
        String alias = renewed.aliases().nextElement();
        X509Certificate certificate = (X509Certificate) renewed.getCertificate(alias);
        PrivateKey key = (PrivateKey) renewed.getKey(alias, "new-secret-1".toCharArray());
        assertThat(renewed.getCertificateChain(alias)).hasSize(3);
        assertThat(certificate.getSubjectX500Principal()).isEqualTo(current.certificate().certificate().getSubjectX500Principal());
        assertThat(certificate.getPublicKey()).isNotEqualTo(current.certificate().certificate().getPublicKey());
        Signature signature = Signature.getInstance(KeyAlgorithm.EC_P256.signatureAlgorithm());
        signature.initSign(key);
        signature.update(new byte[]{1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(certificate.getPublicKey());
        signature.update(new byte[]{1, 2, 3});
        assertThat(signature.verify(signed)).as("the new file's key belongs to its certificate").isTrue();
        String openssl = new uz.eimzo.ra.cmp.OpenSsl(dir).ok("pkcs12", "-in", saved.toString(), "-passin", "pass:new-secret-1",
                "-nokeys", "-clcerts");
        assertThat(openssl).as("openssl reads the file and checks its MAC").contains("BEGIN CERTIFICATE");
        assertThat(jdbc.sql("select status from certificate where serial = ?")
                .param(new BigDecimal(certificate.getSerialNumber())).query(String.class).single()).isEqualTo("GOOD");
    }

    /**
     * A GOST-UZ (E-IMZO) holder renews in the page: the challenge is signed with the current GOST-UZ key and the new
     * GOST-UZ key is made in the browser (gost-uz.js); the issued certificate certifies exactly the key in the DS….pfx
     * the browser wrote, which the JDK opens with the new password.
     */
    @Test
    void aGostUzHolderRenewsWithAKeyMadeInTheBrowserIntoANewDsPfx(@TempDir Path dir) throws Exception {
        String pinfl = Operators.pinfl();
        var bundle = gostHolder(pinfl);
        Path pfx = dir.resolve(bundle.fileName());
        Files.write(pfx, bundle.pkcs12());

        browser.get("http://localhost:" + port + "/self-service?lang=en");
        browser.findElement(By.id("pfx-file")).sendKeys(pfx.toString());
        browser.findElement(By.id("pfx-password")).sendKeys(new String(bundle.password()));
        browser.findElement(By.id("pfx-new-password")).sendKeys("yangi-parol-2026");
        browser.findElement(By.id("browser-renew")).click();
        wait.until(d -> d.findElement(By.id("browser-renew-save")).getAttribute("href") != null
                || d.findElement(By.id("browser-renew")).isEnabled());
        assertThat(browser.findElement(By.id("browser-renew-status")).getText()).startsWith("Done");

        String name = browser.findElement(By.id("browser-renew-save")).getAttribute("download");
        assertThat(name).matches("DS" + pinfl + "\\d{4}\\.pfx");
        Path saved = Browser.DOWNLOADS.resolve(name);
        Files.deleteIfExists(saved);
        browser.findElement(By.id("browser-renew-save")).click();
        wait.until(d -> Files.exists(saved) && !Files.exists(Browser.DOWNLOADS.resolve(name + ".crdownload")));

        UzDst.install();
        KeyStore renewed = KeyStore.getInstance("PKCS12");
        renewed.load(new ByteArrayInputStream(Files.readAllBytes(saved)), "yangi-parol-2026".toCharArray());
        String alias = renewed.aliases().nextElement();
        X509Certificate certificate = (X509Certificate) renewed.getCertificate(alias);
        PrivateKey key = (PrivateKey) renewed.getKey(alias, "yangi-parol-2026".toCharArray());
        assertThat(key).as("the browser wrote a GOST-UZ key, never P-256").isInstanceOf(UzDstPrivateKey.class);
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        assertThat(certificate.getPublicKey()).isNotEqualTo(bundle.issued().certificate().getPublicKey());
        assertThat(certificate.getSubjectX500Principal())
                .isEqualTo(bundle.issued().certificate().getSubjectX500Principal());
        Signature signature = Signature.getInstance(UzDst.SIGNATURE_ALGORITHM);
        signature.initSign(key);
        signature.update(new byte[]{1, 2, 3});
        byte[] signed = signature.sign();
        assertThat(GostIndependentVerifier.verify(new byte[]{1, 2, 3}, signed, certificate.getPublicKey().getEncoded()))
                .as("the certificate certifies exactly the key the browser made").isTrue();
        assertThat(GostIndependentVerifier.certificateVerifies(certificate, (X509Certificate) renewed.getCertificateChain(alias)[1]))
                .as("signed by the GOST-UZ issuing CA").isTrue();
        byte[] written = Files.readAllBytes(saved);
        assertThat(AgentPfxFiles.aliases(written)).as("the E-IMZO agent lists the key by its alias before any password")
                .containsExactly(ca.issuer().agentAlias(certificate));
        AgentPfxFiles.Opened opened = AgentPfxFiles.open(written, ca.issuer().agentAlias(certificate), "yangi-parol-2026".toCharArray());
        assertThat(opened.certificate()).isEqualTo(certificate);
        assertThat(opened.pkcs8()).as("the agent's PKCS#8 form of the same key").isEqualTo(UzDst.agentPkcs8(key));
        assertThat(jdbc.sql("select status from certificate where serial = ?")
                .param(new BigDecimal(certificate.getSerialNumber())).query(String.class).single()).isEqualTo("GOOD");
    }

    /**
     * Without the GOST-UZ module (an old browser) a GOST-UZ file is refused with the way to renew it, never P-256; in
     * Russian.
     */
    @Test
    void withoutTheGostUzModuleAGostUzFileIsRefusedAndNothingIsSent(@TempDir Path dir) throws Exception {
        String pinfl = Operators.pinfl();
        var bundle = gostHolder(pinfl);
        Path pfx = dir.resolve(bundle.fileName());
        Files.write(pfx, bundle.pkcs12());
        long before = jdbc.sql("select count(*) from certificate where pinfl = ?").param(pinfl).query(Long.class).single();

        browser.get("http://localhost:" + port + "/self-service?lang=ru");
        ((JavascriptExecutor) browser).executeScript("delete window.GostUz;");
        browser.findElement(By.id("pfx-file")).sendKeys(pfx.toString());
        browser.findElement(By.id("pfx-password")).sendKeys(new String(bundle.password()));
        browser.findElement(By.id("browser-renew")).click();
        wait.until(d -> d.findElement(By.id("browser-renew-status")).getText().contains("ГОСТ-UZ"));

        assertThat(browser.findElement(By.id("browser-renew-status")).getText())
                .startsWith("Ключ в этом файле ГОСТ-UZ (E-IMZO)").contains("Обновление с ключом, созданным центром");
        assertThat(browser.findElement(By.id("browser-renew-save")).getAttribute("href")).isNull();
        assertThat(jdbc.sql("select count(*) from certificate where pinfl = ?").param(pinfl).query(Long.class).single())
                .isEqualTo(before);
    }

    private KeyBundle gostHolder(String pinfl) {
        return ca.issuer().issueWithServerKey("demo-gost-issuing", "individual", List.of(), new Subject("Usmonov", "Bekzod", null,
                new Pinfl(pinfl), null, "Toshkent shahri", "Yakkasaroy tumani", null, null), "test", RegistrationIds.NONE);
    }
}
