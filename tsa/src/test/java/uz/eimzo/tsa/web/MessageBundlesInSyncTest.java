package uz.eimzo.tsa.web;

import org.junit.jupiter.api.Test;
import uz.eimzo.tsa.encoding.Refusal;
import uz.eimzo.tsa.verification.TokenProblem;
import uz.eimzo.tsa.verification.Unchecked;
import uz.eimzo.tsa.verification.Verdict;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TSA's problem texts in Uzbek, Russian and English never drift apart, and every text the code refers to (by the
 * message key its exceptions carry) is there.
 */
class MessageBundlesInSyncTest {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> keys(String name) throws IOException {
        return new TreeSet<>(bundle(name).stringPropertyNames());
    }

    /** The keys in the sources: the first argument of a refusal's constructor, and the titles and details named. */
    private static Set<String> keysUsedBySources() throws IOException {
        Pattern used = Pattern.compile("\"(tsa\\.(?:document|input|problem)\\.[a-zA-Z0-9.]+)\"");
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = used.matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    @Test
    void russianBundleHasExactlyTheUzbekKeys() throws IOException {
        assertThat(keys("tsa-messages_ru.properties")).isEqualTo(keys("tsa-messages.properties"));
    }

    @Test
    void englishBundleHasExactlyTheUzbekKeys() throws IOException {
        assertThat(keys("tsa-messages_en.properties")).isEqualTo(keys("tsa-messages.properties"));
    }

    @Test
    void everyTextTheCodeRefersToIsInTheUzbekBundle() throws IOException {
        Set<String> used = keysUsedBySources();

        assertThat(used).contains("tsa.document.detachedNeedsContent", "tsa.input.notBase64", "tsa.problem.refused.title");
        assertThat(keys("tsa-messages.properties")).containsAll(used);
    }

    @Test
    void everyRefusalOfTheTimeStampAuthorityHasAText() throws IOException {
        assertThat(keys("tsa-messages.properties")).containsAll(Stream.of(Refusal.values())
                .map(refusal -> "tsa.refused." + refusal.name()).toList());
    }

    @Test
    void everyVerdictHasAText() throws IOException {
        assertThat(keys("tsa-messages.properties")).containsAll(Stream.of(Verdict.values())
                .map(verdict -> "tsa.verdict." + verdict.name()).toList());
    }

    @Test
    void everyReasonAStatusWasNotCheckedHasAText() throws IOException {
        assertThat(keys("tsa-messages.properties")).containsAll(Stream.of(Unchecked.values())
                .map(reason -> "tsa.status.notChecked." + reason.name()).toList());
    }

    @Test
    void everyReasonATimeStampTokenDoesNotVerifyHasAText() throws IOException {
        assertThat(keys("tsa-messages.properties")).containsAll(Stream.of(TokenProblem.values())
                .map(problem -> "tsa.timeStamp.problem." + problem.name()).toList());
    }

    @Test
    void uzbekIsWrittenWithTheTurnedCommaAndTheApostropheNotWithAsciiQuotes() throws IOException {
        Properties uzbek = bundle("tsa-messages.properties");

        for (String key : uzbek.stringPropertyNames()) {
            assertThat(uzbek.getProperty(key)).as(key).doesNotContain("'", "`", "ʻ", "ʼ");
        }
        assertThat(uzbek.getProperty("tsa.problem.malformed.title")).contains("o‘");
    }
}
