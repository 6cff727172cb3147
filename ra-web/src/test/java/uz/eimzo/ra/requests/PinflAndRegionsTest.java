package uz.eimzo.ra.requests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ra.support.Operators;
import uz.eimzo.ra.support.RaTestBase;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Less typing: birth date and sex come from the PINFL (its public rule) when left empty and are checked against it when
 * typed; region and district are chosen from Uzbekistan's regions (named in the page's language) and their districts.
 */
class PinflAndRegionsTest extends RaTestBase {

    Actor registrar;

    @BeforeEach
    void registrar() {
        registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
    }

    private MockHttpServletRequestBuilder application(String pinfl, String birthDate, String sex) {
        return post("/requests").with(Operators.as(registrar)).with(csrf()).param("formToken", UUID.randomUUID().toString())
                .param("type", "INDIVIDUAL").param("surname", "Ergasheva").param("givenName", "Zulfiya").param("birthDate", birthDate)
                .param("sex", sex).param("pinfl", pinfl).param("documentType", "PASSPORT").param("documentNumber", "AC1234567")
                .param("region", "Samarqand viloyati").param("district", "Urgut tumani").param("phone", "+998 90 123 45 67")
                .param("representative", "false");
    }

    /** A fresh valid PINFL of a woman born on 2 January 1985 (first digit 4: 1900s, even: female). */
    private static String womanBorn1985() {
        String male = Operators.pinfl();
        String first13 = "4020185" + male.substring(7, 13);
        return first13 + Pinfl.checkDigit(first13);
    }

    @Test
    void birthDateAndSexLeftEmptyAreTakenFromThePinfl() throws Exception {
        String pinfl = womanBorn1985();

        mvc.perform(application(pinfl, "", "")).andExpect(status().is3xxRedirection());

        var stored = jdbc.sql("select birth_date, sex from applicant where pinfl = ? order by version desc limit 1").param(pinfl)
                .query((rs, n) -> new Object[]{rs.getDate(1).toLocalDate(), rs.getString(2)}).single();
        assertThat(stored[0]).isEqualTo(LocalDate.of(1985, 1, 2));
        assertThat(stored[1]).isEqualTo("F");
    }

    @Test
    void aTypedSexThatThePinflContradictsIsRefused() throws Exception {
        String page = mvc.perform(application(womanBorn1985(), "1985-01-02", "M")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("JShShIR jinsga mos kelmaydi");
    }

    @Test
    void theFormReadsThePinflAsItIsTyped() throws Exception {
        String form = mvc.perform(get("/requests/new").with(Operators.as(registrar))).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("/js/application-form.js").contains("data-mismatch-sex=\"JShShIR jinsga mos kelmaydi\"")
                .doesNotContain("id=\"birthDate\" name=\"birthDate\" type=\"date\" value=\"\" required");
    }

    @Test
    void regionsAreASelectOfUzbekistansFourteenInThePagesLanguage() throws Exception {
        String uz = mvc.perform(get("/requests/new").with(Operators.as(registrar))).andReturn().getResponse().getContentAsString();
        String ru = mvc.perform(get("/requests/new").param("lang", "ru").with(Operators.as(registrar))).andReturn().getResponse()
                .getContentAsString();

        String regionSelect = uz.replaceAll("(?s).*<select id=\"region\" name=\"region\">(.*?)</select>.*", "$1");
        assertThat(Pattern.compile("<option value=\"[^\"]+\"").matcher(regionSelect).results().count()).isEqualTo(14);
        assertThat(uz).contains("<option value=\"Samarqand viloyati\">Samarqand viloyati</option>");
        assertThat(ru).contains("<option value=\"Samarqand viloyati\">Самаркандская область</option>");
    }

    @Test
    void districtsAreGroupedUnderTheirRegion() throws Exception {
        String form = mvc.perform(get("/requests/new").with(Operators.as(registrar))).andReturn().getResponse().getContentAsString();
        assertThat(form).containsPattern("(?s)data-region=\"Toshkent shahri\">\\s*<option value=\"Bektemir tumani\">.*?Chilonzor tumani.*?</optgroup>");
    }

    @Test
    void aChosenRegionAndDistrictComeBackSelectedAfterAnError() throws Exception {
        String page = mvc.perform(application(womanBorn1985(), "1985-01-02", "M")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<option value=\"Samarqand viloyati\" selected=\"selected\">")
                .contains("<option value=\"Urgut tumani\" selected=\"selected\">");
    }
}
