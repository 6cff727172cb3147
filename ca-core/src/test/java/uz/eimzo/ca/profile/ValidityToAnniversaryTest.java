package uz.eimzo.ca.profile;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.fixtures.TestCa;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A certificate of N years or months ends on the anniversary date at 23:59:59 Tashkent, as E-IMZO's do. */
class ValidityToAnniversaryTest {

    static CertificateProfile profile(Period validity) {
        return TestCa.profiles().withValidities(Map.of("individual", validity)).get("individual");
    }

    static LocalDateTime endInTashkent(Period validity, String issuedAt) {
        return LocalDateTime.ofInstant(profile(validity).validityFrom(Instant.parse(issuedAt)).notAfter(),
                CertificateProfile.TASHKENT);
    }

    @Test
    void oneYearEndsOnTheAnniversaryDateAt235959Tashkent() {
        assertThat(endInTashkent(Period.ofYears(1), "2026-11-25T10:15:30Z"))
                .isEqualTo(LocalDateTime.parse("2026-11-25T23:59:59").plusYears(1));
    }

    @Test
    void oneYearFrom29FebruaryEndsOn28FebruaryNextYear() {
        assertThat(endInTashkent(Period.ofYears(1), "2028-02-29T05:00:00Z"))
                .isEqualTo(LocalDateTime.parse("2029-02-28T23:59:59"));
    }

    @Test
    void anniversaryIsTheTashkentDateEvenWhenUtcIsStillTheDayBefore() {
        // 2026-03-14T19:30Z is already 15 March, 00:30 in Tashkent
        assertThat(endInTashkent(Period.ofYears(1), "2026-03-14T19:30:00Z"))
                .isEqualTo(LocalDateTime.parse("2027-03-15T23:59:59"));
    }

    @Test
    void lastSecondOfATashkentDayStillCountsAsThatDay() {
        // 2026-03-14T18:59:59Z is 14 March, 23:59:59 in Tashkent
        assertThat(endInTashkent(Period.ofYears(1), "2026-03-14T18:59:59Z"))
                .isEqualTo(LocalDateTime.parse("2027-03-14T23:59:59"));
    }

    @Test
    void monthsEndOnTheSameDateOrTheMonthsLastDay() {
        assertThat(endInTashkent(Period.ofMonths(6), "2026-01-10T08:00:00Z"))
                .isEqualTo(LocalDateTime.parse("2026-07-10T23:59:59"));
        assertThat(endInTashkent(Period.ofMonths(6), "2026-08-31T08:00:00Z"))
                .isEqualTo(LocalDateTime.parse("2027-02-28T23:59:59"));
    }

    @Test
    void theLintersMaximumCoversTheAnniversaryEnd() {
        CertificateProfile twoYears = profile(Period.ofMonths(24));
        Instant issued = Instant.parse("2028-02-29T05:00:00Z");
        var validity = twoYears.validityFrom(issued);
        assertThat(Duration.between(validity.notBefore(), validity.notAfter()))
                .isEqualTo(twoYears.maxDuration(validity.notBefore()));
    }

    @Test
    void twentyFourMonthsInAnyFormIsAllowed() {
        assertThat(profile(Period.of(1, 12, 0)).validity()).isEqualTo(Period.of(1, 12, 0));
        assertThat(profile(Period.ofDays(730)).validity()).isEqualTo(Period.ofDays(730));
    }

    @Test
    void aPeriodLongerThan24MonthsFromSomeStartDateIsRefused() {
        // 731 days are exactly 24 months from 1 January 2000, but a day more from 1 March 2001
        assertThatThrownBy(() -> profile(Period.ofDays(731)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("24 months");
        assertThatThrownBy(() -> profile(Period.of(2, 0, 1)))
                .isInstanceOf(ProfileException.class).hasMessageContaining("24 months");
    }
}
