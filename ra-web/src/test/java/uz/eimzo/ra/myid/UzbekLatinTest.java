package uz.eimzo.ra.myid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cyrillic to Uzbek Latin by the 1995 rules: the alphabet of the Law of 6 May 1995 (No. 71-I) and the spelling rules
 * "O‘zbek tilining asosiy imlo qoidalari" (Cabinet of Ministers resolution No. 339, 24 August 1995), which fix е as "ye"
 * at a word's start and after a vowel, and ц as "s" at a word's start or after a consonant and "ts" after a vowel.
 */
class UzbekLatinTest {

    @Test
    void theDigraphLettersOfUzbekLatin() {
        assertThat(UzbekLatin.of("Шавкатович")).isEqualTo("Shavkatovich");
        assertThat(UzbekLatin.of("Чори")).isEqualTo("Chori");
        assertThat(UzbekLatin.of("Ёқубжон")).isEqualTo("Yoqubjon");
        assertThat(UzbekLatin.of("Юсупович")).isEqualTo("Yusupovich");
        assertThat(UzbekLatin.of("Яхё")).isEqualTo("Yaxyo");
    }

    @Test
    void oAndGWithTheTurnedCommaAndTheLettersUzbekAddsToRussian() {
        assertThat(UzbekLatin.of("Ўткирович")).isEqualTo("O‘tkirovich");
        assertThat(UzbekLatin.of("Ғуломовна")).isEqualTo("G‘ulomovna");
        assertThat(UzbekLatin.of("Қаҳрамонович")).isEqualTo("Qahramonovich");
        assertThat(UzbekLatin.of("Хасанович")).isEqualTo("Xasanovich");
    }

    @Test
    void yeAtAWordsStartAndAfterAVowelEElsewhere() {
        assertThat(UzbekLatin.of("Елена")).isEqualTo("Yelena");
        assertThat(UzbekLatin.of("Алиевна")).isEqualTo("Aliyevna");
        assertThat(UzbekLatin.of("Сергеевич")).isEqualTo("Sergeyevich");
        assertThat(UzbekLatin.of("Эркин")).isEqualTo("Erkin");
    }

    @Test
    void tsAfterAVowelSElsewhere() {
        assertThat(UzbekLatin.of("Цирк")).isEqualTo("Sirk");
        assertThat(UzbekLatin.of("концерт")).isEqualTo("konsert");
        assertThat(UzbekLatin.of("полиция")).isEqualTo("politsiya");
    }

    @Test
    void theHardSignIsTheApostropheAndTheSoftSignIsDropped() {
        assertThat(UzbekLatin.of("Маъруфович")).isEqualTo("Ma’rufovich");
        assertThat(UzbekLatin.of("Игоревич Ильич")).isEqualTo("Igorevich Ilich");
    }

    @Test
    void aNameInCapitalsStaysInCapitalsDigraphsIncluded() {
        assertThat(UzbekLatin.of("ШАВКАТ ҚИЗИ")).isEqualTo("SHAVKAT QIZI");
        assertThat(UzbekLatin.of("ЎТКИРОВНА")).isEqualTo("O‘TKIROVNA");
        assertThat(UzbekLatin.of("Ш")).isEqualTo("Sh");
    }

    @Test
    void latinTextAndAbsentValuesAreLeftAlone() {
        assertThat(UzbekLatin.of("Rahimova")).isEqualTo("Rahimova");
        assertThat(UzbekLatin.of("")).isEmpty();
        assertThat(UzbekLatin.of(null)).isNull();
    }
}
