package uz.eimzo.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The images' Dockerfiles (no engine here to build them): what they copy exists and passes their .dockerignore. */
class DockerfilesTest {

    private static final Path REPOSITORY = Path.of("..");

    @ParameterizedTest
    @ValueSource(strings = {"ra.Dockerfile", "ocsp.Dockerfile", "tsa.Dockerfile", "tools.Dockerfile"})
    void everyCopiedPathComesFromTheRepositoryAndPassesTheDockerignore(String dockerfile) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docker", dockerfile));
        Map<String, String> arguments = new HashMap<>();
        List<String> sources = new ArrayList<>();
        for (String line : lines) {
            Matcher arg = Pattern.compile("^ARG (\\w+)=(\\S+)").matcher(line);
            if (arg.find()) {
                arguments.put(arg.group(1), arg.group(2));
            }
            if (line.startsWith("COPY ") && !line.contains("--from")) {
                String[] words = line.split("\\s+");
                for (int i = 1; i < words.length - 1; i++) {
                    String source = words[i];
                    for (var entry : arguments.entrySet()) {
                        source = source.replace("${" + entry.getKey() + "}", entry.getValue());
                    }
                    sources.add(source.replaceAll("/$", ""));
                }
            }
        }
        assertThat(sources).isNotEmpty();
        List<String> included = Files.readAllLines(Path.of("docker", dockerfile + ".dockerignore")).stream()
                .filter(l -> l.startsWith("!")).map(l -> l.substring(1)).toList();
        for (String source : sources) {
            assertThat(included).as("%s is sent to the build by %s.dockerignore", source, dockerfile)
                    .anyMatch(pattern -> FileSystems.getDefault().getPathMatcher("glob:" + pattern).matches(Path.of(source)));
            // Build outputs (target/) exist only after the build; their module must exist.
            Path checked = source.contains("/target/") ? Path.of(source.substring(0, source.indexOf("/target/"))) : Path.of(source);
            assertThat(REPOSITORY.resolve(checked)).as("%s in %s", checked, dockerfile).exists();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ra.Dockerfile", "ocsp.Dockerfile", "tsa.Dockerfile", "tools.Dockerfile"})
    void everyImageRunsAsTheUnprivilegedUserThroughTheSecretsEntrypoint(String dockerfile) throws Exception {
        String text = Files.readString(Path.of("docker", dockerfile));
        assertThat(text).contains("FROM eclipse-temurin:21-jre", "USER 10001:10001",
                "ENTRYPOINT [\"/usr/local/bin/eimzo-entrypoint\"");
    }
}
