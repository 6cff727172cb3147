package uz.eimzo.ca.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule keeps out what misleads or breaks, and lets every way Uzbek, Russian and English are written through. */
class TextRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Oʻzbekiston", "G‘afur G’ulom", "Farg'ona viloyati", "Тошкент шаҳри", "Ёқубова Ғулшан",
            "Москва", "St. John's", "mas'uliyati cheklangan jamiyat", "№ 12-34 dan 15.01.2026", "Ko‘kcha, 5-uy"})
    void ordinaryNamesAndAddressesPass(String text) {
        assertThat(TextRules.line(text, 128)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Tosh\u0000kent|text.control|U+0000",
            "Tosh\u001bkent|text.control|U+001B",
            "Tosh\u007fkent|text.control|U+007F",
            "Tosh\u0085kent|text.control|U+0085",
            "Tosh\u200Bkent|text.control|U+200B",
            "Tosh\u2028kent|text.control|U+2028",
            "Tosh\uE000kent|text.control|U+E000",
            "Tosh\u202Ekent|text.bidi|U+202E",
            "Tosh\u202Akent|text.bidi|U+202A",
            "Tosh\u2066kent|text.bidi|U+2066",
            "Tosh\u2069kent|text.bidi|U+2069",
            "Tosh\u200Fkent|text.bidi|U+200F",
            "Tosh\u061Ckent|text.bidi|U+061C"})
    void controlInvisibleAndBidiCharactersAreRefusedByName(String text, String code, String named) {
        var finding = TextRules.line(text, 128).orElseThrow();
        assertThat(finding.code()).isEqualTo(code);
        assertThat(finding.detail()).contains(named);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tosh\nkent", "Tosh\tkent", "Tosh\r\nkent"})
    void lineBreaksAreRefusedInOneLineButAllowedInMultilineText(String text) {
        assertThat(TextRules.line(text, 128)).map(TextRules.Finding::code).contains("text.control");
        assertThat(TextRules.multiline(text, 128)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udc00b"})
    void loneSurrogatesAreRefused(String text) {
        assertThat(TextRules.line(text, 128)).map(TextRules.Finding::code).contains("text.control");
    }

    @ParameterizedTest
    @CsvSource({"128,false", "129,true"})
    void lengthCountsCharactersNotUtf16Units(int characters, boolean refused) {
        String text = "ʻ".repeat(characters - 1) + "\uD835\uDC00"; // the last one is outside the BMP: two UTF-16 units
        assertThat(TextRules.line(text, TextRules.UB_STATE_NAME).isPresent()).isEqualTo(refused);
    }
}
