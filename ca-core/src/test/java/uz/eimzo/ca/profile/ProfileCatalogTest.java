package uz.eimzo.ca.profile;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.fixtures.TestCa;

import java.time.Instant;
import java.time.Period;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileCatalogTest {

    @Test
    void validityIsConfigurablePerProfile() {
        ProfileCatalog catalog = TestCa.profiles().withValidities(Map.of("individual", Period.ofMonths(6)));
        assertThat(catalog.get("individual").validity()).isEqualTo(Period.ofMonths(6));
        assertThat(catalog.get("legal-entity").validity()).isEqualTo(Period.ofYears(1));
        var validity = catalog.get("individual").validityFrom(Instant.parse("2026-01-10T08:00:00Z"));
        assertThat(validity.notAfter()).isEqualTo(Instant.parse("2026-07-10T18:59:59Z"));
    }

    @Test
    void configuredValidityOver24MonthsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> TestCa.profiles().withValidities(Map.of("ngo", Period.ofMonths(25))))
                .isInstanceOf(ProfileException.class).hasMessageContaining("24 months");
    }

    @Test
    void validityForAnUnknownProfileIsRefused() {
        assertThatThrownBy(() -> TestCa.profiles().withValidities(Map.of("nobody", Period.ofYears(1))))
                .hasMessage("Unknown certificate profile: nobody");
    }

    @Test
    void eachApplicantTypeHasADefaultProfile() {
        for (ApplicantType type : ApplicantType.values()) {
            assertThat(TestCa.profiles().defaultFor(type).applicantType()).isEqualTo(type);
        }
    }
}
