package uz.eimzo.ra.e2e;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Field errors of the application form as a screen-reader user meets them: tied to their fields, focus on the first. */
class FieldErrorsInABrowserTest extends RegistrarInABrowser {

    @Test
    void eachFieldErrorIsTiedToItsFieldAndTheFirstFieldInErrorHasTheFocus() {
        browser.get(url("/requests/new?lang=en"));
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
