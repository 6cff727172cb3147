package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import uz.eimzo.ra.support.Operators;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registrar's request form in Chromium offers the certificate's purposes, every one ticked: the registrar unticks
 * what the applicant does not need and the request's page (the one the supervisor approves from) names only the rest;
 * unticking every box is explained beside the boxes, in the page's language, and the form keeps what was typed.
 */
class DeskPurposesInABrowserTest extends RegistrarInABrowser {

    static final String REPORTING = "1.2.860.3.2.2.1.2.1";
    static final String DECLARATIONS = "1.2.860.3.2.2.1.2.2";
    static final String PAYMENTS = "1.2.860.3.2.2.1.2.3";
    static final String TRADES = "1.2.860.3.2.2.1.2.4";

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
