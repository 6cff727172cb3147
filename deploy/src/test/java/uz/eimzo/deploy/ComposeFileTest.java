package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/compose: a consistent compose file that docker-compose itself accepts. */
class ComposeFileTest {

    static final Path FOLDER = Path.of("compose");
    static final Path COMPOSE = FOLDER.resolve("compose.yaml");
    static final Path ENV_EXAMPLE = FOLDER.resolve(".env.example");
    private final ComposeFile compose = ComposeFile.load(COMPOSE, ENV_EXAMPLE);

    @Test
    void theFileRunsDatabaseTokenMigrationCaTwoRespondersBehindAProxyAndTheTimeStampAuthority() {
        assertThat(compose.services()).containsOnlyKeys("postgres", "softhsm-init", "migrate", "ceremony", "ra", "ocsp-1",
                "ocsp-2", "ocsp-proxy", "tsa");
    }

    @Test
    void theTimeStampAuthorityConnectsAsTheResponderRoleAndReadsItsKeyStorePasswordFromASecret() {
        assertThat(environment("tsa")).containsEntry("SPRING_DATASOURCE_USERNAME", "eimzo_responder")
                .containsEntry("EIMZO_TSA_KEYS_PASSWORD_SECRET_FILE", "/run/secrets/tsa_keystore_password")
                .doesNotContainKey("EIMZO_TSA_KEYS_PASSWORD");
        assertThat((List<String>) compose.services().get("tsa").get("volumes")).anyMatch(v -> v.endsWith(":/var/lib/eimzo/keys"));
    }

    @Test
    void everyDependencyNamesADefinedService() {
        assertThat(compose.dependencyProblems()).isEmpty();
    }

    @Test
    void everyInterpolatedVariableHasAnEntryInEnvExample() {
        assertThat(compose.variableProblems()).isEmpty();
    }

    @Test
    void publishedHostPortsDoNotClash() {
        assertThat(compose.portProblems()).isEmpty();
    }

    @Test
    void secretsVolumesMountedFilesAndDockerfilesExist() {
        assertThat(compose.resourceProblems()).isEmpty();
    }

    @Test
    void applicationsConnectWithTheirRestrictedRolesAndTheMigrationWithTheOwner() {
        Map<String, Map<String, Object>> services = compose.services();
        assertThat(environment("ra")).containsEntry("SPRING_DATASOURCE_USERNAME", "eimzo_app").containsEntry("SPRING_FLYWAY_ENABLED", "false");
        assertThat(environment("ocsp-1")).containsEntry("SPRING_DATASOURCE_USERNAME", "eimzo_responder");
        assertThat(String.join(" ", (List<String>) services.get("migrate").get("command"))).contains("--db-user eimzo_admin");
    }

    @Test
    void theTwoRespondersHaveTheirOwnNamesAndKeyStores() {
        assertThat(environment("ocsp-1").get("EIMZO_OCSP_RESPONDER_NAME")).isNotEqualTo(environment("ocsp-2").get("EIMZO_OCSP_RESPONDER_NAME"));
        assertThat(compose.services().get("ocsp-1").get("volumes")).isNotEqualTo(compose.services().get("ocsp-2").get("volumes"));
    }

    @Test
    void noSecretValueIsWrittenInTheComposeFile() {
        environment("ra").forEach((key, value) -> {
            if (key.matches(".*(PASSWORD|PIN|KEY)$")) {
                assertThat(key).as("%s must come from a *_SECRET_FILE secret", key).isNull();
            }
        });
        assertThat(environment("ra")).containsKeys("SPRING_DATASOURCE_PASSWORD_SECRET_FILE", "EIMZO_RA_PERSONAL_DATA_KEY_SECRET_FILE", "EIMZO_CA_PKCS11_PIN_SECRET_FILE");
    }

    @Test
    void makeSecretsCreatesEverySecretTheFileDeclaresAndKeepsExistingOnes(@TempDir Path folder) throws Exception {
        Tools.assumeInstalled("base64");
        Path script = folder.resolve("make-secrets.sh");
        Files.copy(FOLDER.resolve("make-secrets.sh"), script, StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(folder.resolve("secrets"));
        Files.writeString(folder.resolve("secrets/hsm_pin"), "kept");

        Tools.Result result = Tools.run(List.of("sh", script.toString()), Map.of());

        assertThat(result.exitCode()).as(result.output()).isZero();
        Set<String> made;
        try (Stream<Path> files = Files.list(folder.resolve("secrets"))) {
            made = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> declared = new TreeSet<>();
        Matcher m = Pattern.compile("file: \\./secrets/(\\S+)").matcher(Files.readString(COMPOSE));
        while (m.find()) {
            declared.add(m.group(1));
        }
        assertThat(made).isEqualTo(declared);
        assertThat(Files.readString(folder.resolve("secrets/hsm_pin"))).isEqualTo("kept");
        assertThat(java.util.Base64.getDecoder().decode(Files.readString(folder.resolve("secrets/personal_data_key")))).hasSize(32);
        assertThat(Files.getPosixFilePermissions(folder.resolve("secrets/db_app_password")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void dockerComposeAcceptsTheFileWithTheExampleSettings() throws Exception {
        List<String> command = composeCommand();
        Tools.Result result = Tools.run(concat(command, "-f", COMPOSE.toString(), "--env-file", ENV_EXAMPLE.toString(), "config", "-q"), Map.of());
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void dockerComposeRefusesTheFileWithoutTheRequiredSettings(@TempDir Path folder) throws Exception {
        List<String> command = composeCommand();
        Path empty = Files.writeString(folder.resolve("empty.env"), "");
        Tools.Result result = Tools.run(concat(command, "-f", COMPOSE.toString(), "--env-file", empty.toString(), "config", "-q"), Map.of());
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("EIMZO_PUBLIC_OCSP_URL");
    }

    /** docker-compose 1.29 (Debian's package) or the docker compose v2 plugin, whichever is here. */
    private static List<String> composeCommand() throws Exception {
        if (Tools.installed("docker-compose")) {
            return List.of("docker-compose");
        }
        if (Tools.installed("docker") && Tools.run(List.of("docker", "compose", "version"), Map.of()).exitCode() == 0) {
            return List.of("docker", "compose");
        }
        Tools.assumeInstalled("docker-compose");
        throw new IllegalStateException("unreachable");
    }

    private static List<String> concat(List<String> head, String... tail) {
        return Stream.concat(head.stream(), Stream.of(tail)).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        return (Map<String, String>) compose.services().get(service).get("environment");
    }
}
