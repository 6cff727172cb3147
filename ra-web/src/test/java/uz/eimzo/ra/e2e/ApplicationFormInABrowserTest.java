package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import uz.eimzo.ca.identity.Pinfl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application form in Chromium (issue 18, defect 3 and "less typing"): an incomplete application is saved as a
 * draft despite the browser's required-field checks; switching the applicant type keeps what was typed; the PINFL fills
 * in birth date and sex as it is typed; the district list shows the chosen region's districts.
 */
class ApplicationFormInABrowserTest extends RegistrarInABrowser {

    private String value(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }

    @Test
    void typingThePinflFillsInBirthDateAndSex() {
        browser.get(url("/requests/new"));
        // 4: born in the 1900s, even: a woman; 200185: 20 January 1985.
        browser.findElement(By.id("pinfl")).sendKeys("4200185123001" + Pinfl.checkDigit("4200185123001"));

        assertThat(value("birthDate")).isEqualTo("1985-01-20");
        assertThat(new Select(browser.findElement(By.id("sex"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("F");
    }

    @Test
    void choosingARegionLeavesOnlyItsDistricts() {
        browser.get(url("/requests/new"));
        new Select(browser.findElement(By.id("region"))).selectByValue("Toshkent shahri");

        for (WebElement group : browser.findElements(By.cssSelector("#district optgroup"))) {
            boolean chosenRegion = "Toshkent shahri".equals(group.getAttribute("data-region"));
            assertThat(group.getAttribute("disabled") == null).as(group.getAttribute("label")).isEqualTo(chosenRegion);
        }
    }

    @Test
    void anIncompleteApplicationIsSavedAsADraftDespiteTheRequiredFields() {
        browser.get(url("/requests/new"));
        browser.findElement(By.id("surname")).sendKeys("Qoralamayev");
        browser.findElement(By.cssSelector("button[name=action][value=draft]")).click();

        wait.until(d -> d.getCurrentUrl().contains("draft="));
        assertThat(value("surname")).isEqualTo("Qoralamayev");
        assertThat(browser.findElement(By.id("draft-saved")).isDisplayed()).isTrue();
    }

    @Test
    void switchingTheApplicantTypeKeepsWhatWasTyped() {
        browser.get(url("/requests/new"));
        browser.findElement(By.id("surname")).sendKeys("Karimova");
        browser.findElement(By.id("givenName")).sendKeys("Dilnoza");
        browser.findElement(By.cssSelector("button[name=switchType][value=LEGAL_ENTITY]")).click();

        wait.until(d -> !d.findElements(By.id("organisationStir")).isEmpty());
        assertThat(value("surname")).isEqualTo("Karimova");
        assertThat(value("givenName")).isEqualTo("Dilnoza");
    }
}
