package uz.eimzo.ra.home;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What a screen reader and a keyboard need on the operators' pages: names for every control, a skip link, a clean menu. */
class AccessibleOperatorPagesTest extends RaTestBase {

    private String page(String path, Actor actor) throws Exception {
        return mvc.perform(get(path).with(Operators.as(actor))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private static String nav(String page) {
        Matcher m = Pattern.compile("(?s)<nav[^>]*>(.*?)</nav>").matcher(page);
        assertThat(m.find()).as("the page has a menu").isTrue();
        return m.group(1);
    }

    @Test
    void theMenuHasNoEmptySeparatorsForARoleThatSeesOnlySomeItems() throws Exception {
        Actor auditor = operators.operator(operators.centre(false), "p", Actor.Role.AUDITOR);

        String menu = nav(page("/requests", auditor));

        assertThat(menu.replaceAll("<[^>]+>", " ")).doesNotContainPattern("·\\s*·").doesNotContainPattern("^\\s*·");
    }

    @Test
    void theSkipLinkIsTheFirstLinkOfEveryPage() throws Exception {
        Actor registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);

        String page = page("/requests", registrar);

        assertThat(page.substring(page.indexOf("<body"))).containsPattern("(?s)^<body>\\s*<header>\\s*<a class=\"skip\" href=\"#main\"");
        assertThat(page).contains("<main id=\"main\">");
    }

    @Test
    void theCertificateSearchAndTheAuditFiltersHaveNames() throws Exception {
        Actor auditor = operators.operator(operators.centre(false), "p", Actor.Role.AUDITOR);

        assertThat(page("/certificates", auditor)).containsPattern("<input name=\"q\"[^>]* aria-label=\"[^\"]+\"");
        String audit = page("/audit", auditor);
        for (String filter : new String[]{"actor", "action", "target"}) {
            assertThat(audit).as(filter).containsPattern("<input name=\"" + filter + "\"[^>]* aria-label=\"[^\"]+\"");
        }
    }
}
