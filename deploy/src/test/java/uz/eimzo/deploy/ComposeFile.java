package uz.eimzo.deploy;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A compose file with its {@code .env.example}, and the checks run on them; each returns the problems found. */
final class ComposeFile {

    /** ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message} and $NAME; $$ escapes. */
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    private final String text;
    private final Map<String, Object> model;
    private final Map<String, String> environment;
    private final Path baseDir;

    private ComposeFile(String text, String envExample, Path baseDir) {
        this.text = text;
        this.model = new Yaml().load(text);
        this.environment = parseEnv(envExample);
        this.baseDir = baseDir;
    }

    static ComposeFile load(Path composeFile, Path envExample) {
        try {
            return new ComposeFile(Files.readString(composeFile), Files.readString(envExample), composeFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeFile parse(String compose, String envExample, Path baseDir) {
        return new ComposeFile(compose, envExample, baseDir);
    }

    private static Map<String, String> parseEnv(String envExample) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : envExample.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            values.put(equals < 0 ? trimmed : trimmed.substring(0, equals), equals < 0 ? "" : trimmed.substring(equals + 1));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) model.getOrDefault("services", Map.of());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> topLevel(String key) {
        Object value = model.get(key);
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** depends_on (list or map form) names services of this file. */
    List<String> dependencyProblems() {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            Iterable<?> targets = dependsOn instanceof Map<?, ?> map ? map.keySet() : dependsOn instanceof List<?> list ? list : List.of();
            for (Object target : targets) {
                if (!services().containsKey(String.valueOf(target))) {
                    problems.add("service " + name + " depends on " + target + ", which is not defined");
                }
            }
        });
        return problems;
    }

    /** Every variable the file interpolates has an entry in .env.example. */
    List<String> variableProblems() {
        Set<String> missing = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            if (!environment.containsKey(name)) {
                missing.add(name);
            }
        }
        return missing.stream().map(n -> "variable " + n + " has no entry in .env.example").toList();
    }

    /** The value a string takes with .env.example's settings, as compose interpolates it. */
    String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String set = environment.get(name);
            String operator = m.group(2);
            String replacement;
            if (set != null && !(set.isEmpty() && operator != null && operator.startsWith(":"))) {
                replacement = set;
            } else if (operator != null && operator.endsWith("-")) {
                replacement = m.group(3);
            } else {
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    /** No two services publish the same host port on overlapping addresses. */
    List<String> portProblems() {
        Map<String, String> taken = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            for (Object entry : (List<?>) service.getOrDefault("ports", List.of())) {
                String[] parts = interpolate(String.valueOf(entry)).split(":");
                if (parts.length < 2) {
                    continue; // container port only: the engine picks a free host port
                }
                String address = parts.length == 3 ? parts[0] : "0.0.0.0";
                String hostPort = parts[parts.length - 2];
                for (Map.Entry<String, String> other : taken.entrySet()) {
                    String[] key = other.getKey().split(" ");
                    boolean overlap = key[0].equals(address) || key[0].equals("0.0.0.0") || address.equals("0.0.0.0");
                    if (overlap && key[1].equals(hostPort)) {
                        problems.add("services " + other.getValue() + " and " + name + " both publish host port " + hostPort);
                    }
                }
                taken.put(address + " " + hostPort, name);
            }
        });
        return problems;
    }

    /** Secrets and named volumes used by services are declared; bind-mounted files and secret files' folders exist. */
    @SuppressWarnings("unchecked")
    List<String> resourceProblems() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> secrets = topLevel("secrets");
        Map<String, Object> volumes = topLevel("volumes");
        services().forEach((name, service) -> {
            for (Object secret : (List<?>) service.getOrDefault("secrets", List.of())) {
                String secretName = secret instanceof Map<?, ?> long_ ? String.valueOf(long_.get("source")) : String.valueOf(secret);
                if (!secrets.containsKey(secretName)) {
                    problems.add("service " + name + " uses secret " + secretName + ", which is not declared");
                }
            }
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = interpolate(String.valueOf(volume)).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(baseDir.resolve(source))) {
                        problems.add("service " + name + " mounts " + source + ", which does not exist");
                    }
                } else if (!volumes.containsKey(source)) {
                    problems.add("service " + name + " mounts volume " + source + ", which is not declared");
                }
            }
            Object build = service.get("build");
            if (build instanceof Map<?, ?> b) {
                Path context = baseDir.resolve(String.valueOf(b.get("context")));
                Object dockerfile = ((Map<String, Object>) b).getOrDefault("dockerfile", "Dockerfile");
                if (!Files.isRegularFile(context.resolve(String.valueOf(dockerfile)))) {
                    problems.add("service " + name + " builds from " + dockerfile + ", which is not in " + context.normalize());
                }
            }
        });
        return problems;
    }
}
