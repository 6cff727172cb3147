package uz.eimzo.ca.identity;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinflTest {

    private static String withCheckDigit(String first13) {
        return first13 + Pinfl.checkDigit(first13);
    }

    @Test
    void checkDigitIsWeightedSumSevenThreeOneModTen() {
        // 3*7+1*3+5*1+0*7+3*3+9*1+0*7+1*3+2*1+3*7+0*3+4*1+5*7 = 112 -> 2
        assertThat(Pinfl.checkDigit("3150390123045")).isEqualTo(2);
    }

    @Test
    void validPinflYieldsBirthDateAndSex() {
        Pinfl pinfl = new Pinfl(withCheckDigit("3150390123045"));
        assertThat(pinfl.birthDate()).isEqualTo(LocalDate.of(1990, 3, 15));
        assertThat(pinfl.sex()).isEqualTo('M');
        assertThat(new Pinfl(withCheckDigit("6010105001001")).birthDate()).isEqualTo(LocalDate.of(2005, 1, 1));
        assertThat(new Pinfl(withCheckDigit("6010105001001")).sex()).isEqualTo('F');
    }

    @Test
    void wrongCheckDigitIsRefused() {
        String valid = withCheckDigit("3150390123045");
        String wrong = valid.substring(0, 13) + ((valid.charAt(13) - '0' + 1) % 10);
        assertThatThrownBy(() -> new Pinfl(wrong)).isInstanceOf(InvalidIdentityException.class)
                .hasMessageContaining("check digit")
                .extracting(e -> ((InvalidIdentityException) e).code()).isEqualTo("pinfl.checkDigit");
    }

    @Test
    void malformedPinflsAreRefusedWithTheRuleTheyBreak() {
        assertThatThrownBy(() -> new Pinfl("123")).hasMessageContaining("14 digits");
        assertThatThrownBy(() -> new Pinfl("3150390123O452")).hasMessageContaining("14 digits");
        assertThatThrownBy(() -> new Pinfl(withCheckDigit("1150390123045"))).hasMessageContaining("first digit");
        assertThatThrownBy(() -> new Pinfl(withCheckDigit("3150390000045"))).hasMessageContaining("district");
        assertThatThrownBy(() -> new Pinfl(withCheckDigit("3150390123000"))).hasMessageContaining("sequence");
        assertThatThrownBy(() -> new Pinfl(withCheckDigit("3310290123045"))).hasMessageContaining("date of birth");
    }

    @Test
    void birthDateAndSexOnTheFormMustMatch() {
        Pinfl pinfl = new Pinfl(withCheckDigit("3150390123045"));
        pinfl.requireConsistentWith(LocalDate.of(1990, 3, 15), 'M');
        assertThatThrownBy(() -> pinfl.requireConsistentWith(LocalDate.of(1990, 3, 16), 'M'))
                .hasMessageContaining("date of birth");
        assertThatThrownBy(() -> pinfl.requireConsistentWith(LocalDate.of(1990, 3, 15), 'F'))
                .hasMessageContaining("sex");
    }

    @Test
    void maskedFormHidesAllButTheLastFourDigits() {
        Pinfl pinfl = new Pinfl(withCheckDigit("3150390123045"));
        assertThat(pinfl.masked()).endsWith(pinfl.value().substring(10)).doesNotContain(pinfl.value().substring(0, 10));
    }

    @Test
    void stirAndDocumentNumbersAreCheckedForFormat() {
        assertThat(new Stir("301234567").looksLikeLegalEntity()).isTrue();
        assertThat(new Stir("412345678").looksLikeLegalEntity()).isFalse();
        assertThatThrownBy(() -> new Stir("30123456")).hasMessageContaining("9 digits");
        assertThat(new IdentityDocument(IdentityDocument.Type.PASSPORT, " aa1234567 ").number()).isEqualTo("AA1234567");
        assertThatThrownBy(() -> new IdentityDocument(IdentityDocument.Type.ID_CARD, "A12345678"))
                .hasMessageContaining("two Latin letters and seven digits");
        assertThat(new IdentityDocument(IdentityDocument.Type.PASSPORT, "AB1234567").toString()).doesNotContain("12345");
    }
}
