package uz.eimzo.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every EIMZO_* setting given to the RA, the responder or the TSA, in compose, Kubernetes and systemd, names a
 * property the application binds ({@code eimzo.ca.*}, {@code eimzo.ra.*}, {@code eimzo.ocsp.*}, {@code eimzo.tsa.*}): Spring Boot ignores a
 * misspelt environment variable silently, so a typo would only show as a wrong default in production.
 */
class ApplicationSettingsTest {

    private static final Path RA_CONFIG = Path.of("../ra-web/src/main/java/uz/eimzo/ra/config");
    private static final Path RESPONDER = Path.of("../ocsp-responder/src/main/java/uz/eimzo/ocsp/ResponderProperties.java");
    private static final Path TSA = Path.of("../tsa/src/main/java/uz/eimzo/tsa/TsaProperties.java");

    @Test
    void everyRaSettingNamesAPropertyTheRaBinds() throws Exception {
        Set<String> known = new TreeSet<>();
        known.addAll(environmentNames("eimzo.ca", RA_CONFIG.resolve("CaProperties.java")));
        known.addAll(environmentNames("eimzo.ra", RA_CONFIG.resolve("RaProperties.java")));
        assertThat(known).contains("EIMZO_CA_PKCS11_CONFIG", "EIMZO_RA_PERSONAL_DATA_KEY", "EIMZO_RA_TLS_KEYSTORE_PASSWORD");

        assertThat(unknown(settings("ra", "eimzo-ra-config", "ra.env.example", "eimzo-ra.service"), known)).isEmpty();
    }

    @Test
    void everyResponderSettingNamesAPropertyTheResponderBinds() throws Exception {
        Set<String> known = environmentNames("eimzo.ocsp", RESPONDER);
        assertThat(known).contains("EIMZO_OCSP_RESPONDER_NAME", "EIMZO_OCSP_KEYS_PKCS12_FILE", "EIMZO_OCSP_KEYS_PASSWORD");

        Set<String> used = settings("ocsp-1", "eimzo-ocsp-config", "ocsp.env.example", "eimzo-ocsp.service");
        used.addAll(settings("ocsp-2", "eimzo-ocsp-config", "ocsp.env.example", "eimzo-ocsp.service"));
        assertThat(unknown(used, known)).isEmpty();
    }

    @Test
    void everyTimeStampAuthoritySettingNamesAPropertyTheTsaBinds() throws Exception {
        Set<String> known = environmentNames("eimzo.tsa", TSA);
        assertThat(known).contains("EIMZO_TSA_NAME", "EIMZO_TSA_KEYS_PKCS12_FILE", "EIMZO_TSA_KEYS_PASSWORD");

        Set<String> used = settings("tsa", "eimzo-tsa-config", "tsa.env.example", "eimzo-tsa.service");
        assertThat(used).contains("EIMZO_TSA_NAME", "EIMZO_TSA_KEYS_PASSWORD");
        assertThat(unknown(used, known)).isEmpty();
    }

    @Test
    void aMisspeltSettingIsReported() throws Exception {
        Set<String> known = environmentNames("eimzo.ra", RA_CONFIG.resolve("RaProperties.java"));
        assertThat(unknown(Set.of("EIMZO_RA_TLS_KEY_STORE", "EIMZO_RA_TLS_KEYSTORE"), known)).containsExactly("EIMZO_RA_TLS_KEY_STORE");
    }

    private static List<String> unknown(Set<String> used, Set<String> known) {
        return used.stream().filter(name -> name.startsWith("EIMZO_") && !known.contains(name)).sorted().toList();
    }

    /** The EIMZO_* names a compose service, a Kubernetes ConfigMap + Deployment, and a systemd unit + env file set. */
    private static Set<String> settings(String composeService, String configMap, String envFile, String unit) throws IOException {
        Set<String> names = new TreeSet<>();
        ComposeFile compose = ComposeFile.load(ComposeFileTest.COMPOSE, ComposeFileTest.ENV_EXAMPLE);
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) compose.services().get(composeService).get("environment");
        // *_SECRET_FILE variables become NAME in the images' entrypoint.
        environment.keySet().forEach(k -> names.add(k.endsWith("_SECRET_FILE") ? k.substring(0, k.length() - "_SECRET_FILE".length()) : k));

        Manifests manifests = Manifests.load(KubernetesManifestsTest.FOLDER);
        manifests.all(ConfigMap.class).stream().filter(c -> Manifests.name(c).equals(configMap))
                .forEach(c -> names.addAll(c.getData().keySet()));
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                boolean usesConfigMap = container.getEnvFrom() != null && container.getEnvFrom().stream()
                        .anyMatch(e -> e.getConfigMapRef() != null && configMap.equals(e.getConfigMapRef().getName()));
                if (usesConfigMap && container.getEnv() != null) {
                    container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
                }
            }
        }

        for (String line : Files.readAllLines(Path.of("systemd", envFile))) {
            if (!line.startsWith("#") && line.contains("=")) {
                names.add(line.substring(0, line.indexOf('=')));
            }
        }
        Matcher m = Pattern.compile("^(?:LoadCredential=([a-z0-9.-]+):|Environment=(\\w+)=)", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("systemd", unit)));
        while (m.find()) {
            // A credential is named by its property; compare it in its environment-variable form.
            names.add(m.group(1) != null ? m.group(1).toUpperCase().replace('.', '_').replace('-', '_') : m.group(2));
        }
        return names;
    }

    /**
     * The environment-variable names (Spring Boot's form with dashes as underscores) of the components of the
     * @ConfigurationProperties records in a source file; a component whose type is another record of the same
     * file is a nested group.
     */
    static Set<String> environmentNames(String prefix, Path source) throws IOException {
        String text = Files.readString(source);
        Map<String, List<String[]>> records = new LinkedHashMap<>();
        Matcher record = Pattern.compile("record (\\w+)\\(").matcher(text);
        while (record.find()) {
            int depth = 1;
            int i = record.end();
            while (depth > 0) {
                char c = text.charAt(i++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            String components = text.substring(record.end(), i - 1)
                    .replaceAll("@\\w+(\\([^)]*\\))?", "")
                    .replaceAll("<[^<>]*>", "");
            List<String[]> parsed = new ArrayList<>();
            for (String component : components.split(",")) {
                String[] words = component.strip().split("\\s+");
                if (words.length >= 2) {
                    parsed.add(new String[] {words[words.length - 2], words[words.length - 1]});
                }
            }
            records.put(record.group(1), parsed);
        }
        Set<String> names = new TreeSet<>();
        String top = records.keySet().iterator().next();
        collect(prefix, top, records, names);
        return names;
    }

    private static void collect(String prefix, String record, Map<String, List<String[]>> records, Set<String> names) {
        for (String[] component : records.get(record)) {
            String property = prefix + "." + component[1].replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (records.containsKey(component[0])) {
                collect(property, component[0], records, names);
            } else {
                names.add(property.toUpperCase().replace('.', '_').replace('-', '_'));
            }
        }
    }
}
