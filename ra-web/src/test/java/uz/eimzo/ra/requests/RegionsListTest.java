package uz.eimzo.ra.requests;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The region and district list against the state classifier (SOATO) as the Digital Health Platform's terminology
 * publishes it (github.com/vadi2/DHP-temp, input/vocabulary/CodeSystem-regions-cs.json, districts and district-level
 * cities 17RRxxx with names in Uzbek Latin, Russian and English; regions in VS_Region_Области.csv).
 */
class RegionsListTest {

    private final Regions regions = new Regions();

    private Regions.Region region(String code) {
        return regions.all().stream().filter(r -> r.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void fourteenRegionsWithTheDistrictCountsOfTheClassifier() {
        // SOATO 1735, 1703, 1706, 1730, 1708, 1733, 1714, 1712, 1710, 1718, 1724, 1722, 1727, 1726: the districts
        // (2xx) and district-level cities (4xx) of each.
        Map<String, Integer> classifier = new LinkedHashMap<>();
        classifier.put("KR", 17);
        classifier.put("AN", 16);
        classifier.put("BU", 13);
        classifier.put("FA", 19);
        classifier.put("JI", 13);
        classifier.put("XO", 13);
        classifier.put("NG", 12);
        classifier.put("NW", 11);
        classifier.put("QA", 16);
        classifier.put("SA", 16);
        classifier.put("SI", 11);
        classifier.put("SU", 15);
        classifier.put("TO", 22);
        classifier.put("TK", 12);
        Map<String, Integer> ours = new LinkedHashMap<>();
        regions.all().forEach(r -> ours.put(r.code(), r.districts().size()));
        assertThat(ours).containsExactlyEntriesOf(classifier);
        assertThat(region("TK").uz()).isEqualTo("Toshkent shahri");
        assertThat(region("KR").name(Locale.forLanguageTag("ru"))).isEqualTo("Республика Каракалпакстан");
    }

    @Test
    void aDistrictIsNamedOnceAcrossItsRegion() {
        regions.all().forEach(r -> assertThat(r.districts()).as(r.code()).doesNotHaveDuplicates());
    }

    @Test
    void navoiyRegionHasTheCityOfGozgon() {
        assertThat(region("NW").districts()).contains("G‘ozg‘on shahri");
    }

    @Test
    void karakalpakstansQonlikolIsSpelledAsTheClassifierAndTheRepublicsOwnSitesDo() {
        // SOATO 1735218 "Qonliko'l tumani"; the Qo‘ng‘irot district administration's site writes "Qonliko‘l tumani".
        assertThat(region("KR").districts()).contains("Qonliko‘l tumani").doesNotContain("Qanliko‘l tumani");
    }

    @Test
    void davlatobodIsADistrictOfNamanganCityNotOfTheRegion() {
        // The classifier lists Namangan region's 11 districts and Namangan city (1714401); Davlatobod and Yangi
        // Namangan are districts inside the city, whose applicants choose "Namangan shahri".
        assertThat(region("NG").districts()).contains("Namangan shahri").doesNotContain("Davlatobod tumani");
    }

    @Test
    void navoiRegionIsSpelledInEnglishAsTheClassifierDoes() {
        assertThat(region("NW").name(Locale.ENGLISH)).isEqualTo("Navoi Region");
    }
}
