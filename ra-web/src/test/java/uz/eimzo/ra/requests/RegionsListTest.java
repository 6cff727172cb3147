package uz.eimzo.ra.requests;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The district list checked against a public copy of the state classifier (SOATO codes, region 1712 Navoiy): the
 * district-level city of G‘ozg‘on (1712412) was missing.
 */
class RegionsListTest {

    private final Regions regions = new Regions();

    @Test
    void navoiyRegionHasTheCityOfGozgon() {
        Regions.Region navoiy = regions.all().stream().filter(r -> r.code().equals("NW")).findFirst().orElseThrow();
        assertThat(navoiy.districts()).contains("G‘ozg‘on shahri");
    }
}
