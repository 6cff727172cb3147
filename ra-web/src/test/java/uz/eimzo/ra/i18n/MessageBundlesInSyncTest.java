package uz.eimzo.ra.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Uzbek, Russian and English never drift apart: every template text is in every bundle, and no bundle has extras. */
class MessageBundlesInSyncTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern MESSAGE = Pattern.compile("#\\{([a-zA-Z0-9_.-]+)");

    private static Set<String> keys(String bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve("i18n").resolve(bundle), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static Set<String> keysUsedByTemplates() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = MESSAGE.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        return used;
    }

    @Test
    void everyTemplateTextIsInTheUzbekBundle() throws IOException {
        assertThat(keys("messages.properties")).containsAll(keysUsedByTemplates());
    }

    @Test
    void russianBundleHasExactlyTheUzbekKeys() throws IOException {
        assertThat(keys("messages_ru.properties")).isEqualTo(keys("messages.properties"));
    }

    @Test
    void englishBundleHasExactlyTheUzbekKeys() throws IOException {
        assertThat(keys("messages_en.properties")).isEqualTo(keys("messages.properties"));
    }

    @Test
    void everyRefusalOfASignedChallengeHasAMessage() throws IOException {
        assertThat(keys("messages.properties")).containsAll(Stream.of(uz.eimzo.ra.cmp.SignedChallenges.Reason.values())
                .map(reason -> "error." + reason.code()).toList());
    }

    @Test
    void everyTextTheWebLayerRefusesWithIsInTheUzbekBundle() throws IOException {
        Pattern named = Pattern.compile("refusals\\.text\\(\"([a-zA-Z0-9_.-]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = named.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("admin.error.centre", "certificate.error.confirm");
        assertThat(keys("messages.properties")).containsAll(used);
    }

    /**
     * The codes the CA refuses with, read from the sources as the template keys are: the first argument of a
     * refusal's constructor, and the codes the subject checks pass along.
     */
    private static Set<String> refusalCodes() throws IOException {
        Pattern thrown = Pattern.compile("new (?:Authority|InvalidIdentity|Issuance|MalformedInput|Profile|Registration|Revocation)"
                + "Exception\\(\"([a-zA-Z.]+)\"");
        Pattern subject = Pattern.compile("\"(subject\\.[a-zA-Z]+)\"");
        Set<String> codes = new TreeSet<>();
        for (Path root : List.of(Path.of("../ca-crypto/src/main/java"), Path.of("../ca-core/src/main/java"),
                Path.of("../registration/src/main/java"), Path.of("src/main/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Files.readString(file);
                    for (Pattern pattern : List.of(thrown, subject)) {
                        Matcher m = pattern.matcher(source);
                        while (m.find()) {
                            codes.add(m.group(1));
                        }
                    }
                }
            }
        }
        codes.add("lint");
        return codes;
    }

    @Test
    void everyRefusalOfTheCaHasATextInTheUzbekBundle() throws IOException {
        Set<String> codes = refusalCodes();
        assertThat(codes).contains("csr.signature", "key.notAllowed", "request.fourEyes", "subject.surname");
        assertThat(keys("messages.properties")).containsAll(codes.stream().map(code -> "error." + code).toList());
    }

    @Test
    void templatesUseMessagesAtAll() throws IOException {
        assertThat(keysUsedByTemplates()).isNotEmpty();
    }
}
