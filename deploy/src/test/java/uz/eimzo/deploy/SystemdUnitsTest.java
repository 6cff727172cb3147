package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/systemd: hardened units that systemd-analyze accepts without a warning. */
class SystemdUnitsTest {

    private static final Path FOLDER = Path.of("systemd");

    @ParameterizedTest
    @ValueSource(strings = {"eimzo-ra.service", "eimzo-ocsp.service", "eimzo-tsa.service"})
    void everyUnitIsHardenedAndReadsItsSettingsFromEtcEimzo(String unit) throws Exception {
        Map<String, List<String>> service = section(Files.readString(FOLDER.resolve(unit)), "Service");
        assertThat(service.containsKey("User") || service.getOrDefault("DynamicUser", List.of()).contains("yes"))
                .as("%s runs as a dedicated or dynamic user", unit).isTrue();
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("PrivateTmp")).containsExactly("yes");
        assertThat(service.get("CapabilityBoundingSet")).containsExactly("");
        assertThat(service.get("LimitNOFILE")).isNotEmpty();
        assertThat(service.get("EnvironmentFile")).singleElement().asString().matches("/etc/eimzo/[a-z]+\\.env");
        assertThat(service.get("ExecStart")).singleElement().asString().contains("-jar /opt/eimzo/");
        // Secrets arrive as credentials read through Spring Boot's config tree, never in the environment file.
        assertThat(service.get("LoadCredential")).isNotEmpty().allMatch(c -> c.matches("[a-z0-9.-]+:/etc/eimzo/credentials/.+"));
        assertThat(String.join(" ", service.get("Environment"))).contains("SPRING_CONFIG_IMPORT=configtree:/run/credentials/" + unit + "/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ra.env.example", "ocsp.env.example", "tsa.env.example"})
    void exampleEnvironmentFilesHoldNoSecrets(String file) throws Exception {
        assertThat(Files.readAllLines(FOLDER.resolve(file))).filteredOn(l -> !l.startsWith("#"))
                .noneMatch(l -> l.matches("(?i)[A-Z_]*(PASSWORD|PIN|PERSONAL_DATA_KEY)=.*"));
    }

    @Test
    void theTimeStampAuthorityKeepsItsKeyStoreInItsOwnStateDirectoryAndConnectsAsTheResponderRole() throws Exception {
        Map<String, List<String>> service = section(Files.readString(FOLDER.resolve("eimzo-tsa.service")), "Service");
        assertThat(service.get("StateDirectory")).containsExactly("eimzo-tsa");
        assertThat(service.get("StateDirectoryMode")).containsExactly("0700");
        assertThat(String.join(" ", service.get("Environment")))
                .contains("EIMZO_TSA_KEYS_PKCS12_FILE=/var/lib/eimzo-tsa/tsa-keys.p12");
        assertThat(service.get("LoadCredential")).contains("eimzo.tsa.keys.password:/etc/eimzo/credentials/tsa/keystore-password");
        assertThat(Files.readAllLines(FOLDER.resolve("tsa.env.example")))
                .contains("SPRING_DATASOURCE_USERNAME=eimzo_responder", "EIMZO_TSA_NAME=tsa-host1");
    }

    @Test
    void systemdAnalyzeVerifiesEveryUnitWithoutComplaint(@TempDir Path dir) throws Exception {
        Tools.Result result = verify(dir, Files.readString(FOLDER.resolve("eimzo-ra.service")),
                Files.readString(FOLDER.resolve("eimzo-ocsp.service")), Files.readString(FOLDER.resolve("eimzo-tsa.service")));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(complaints(result)).isEmpty();
    }

    @Test
    void systemdAnalyzeComplainsAboutAMisspelledDirectiveSoTheCheckAbove(@TempDir Path dir) throws Exception {
        Tools.Result result = verify(dir, Files.readString(FOLDER.resolve("eimzo-ra.service"))
                .replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"), Files.readString(FOLDER.resolve("eimzo-ocsp.service")),
                Files.readString(FOLDER.resolve("eimzo-tsa.service")));
        assertThat(complaints(result)).singleElement().asString().contains("Unknown key 'NoNewPrivilege'");
    }

    /**
     * systemd-analyze verify exits 0 even for unknown keys or bad values and only prints them, so every line it
     * prints about our units counts. It also checks that ExecStart's binary exists: where /usr/bin/java does not
     * (a JDK outside the alternatives system), the copy verified names the java running this test instead.
     */
    private static Tools.Result verify(Path dir, String ra, String ocsp, String tsa) throws Exception {
        Tools.assumeInstalled("systemd-analyze");
        String java = Files.isExecutable(Path.of("/usr/bin/java")) ? "/usr/bin/java"
                : ProcessHandle.current().info().command().orElseThrow();
        Path raUnit = Files.writeString(dir.resolve("eimzo-ra.service"), ra.replace("/usr/bin/java", java));
        Path ocspUnit = Files.writeString(dir.resolve("eimzo-ocsp.service"), ocsp.replace("/usr/bin/java", java));
        Path tsaUnit = Files.writeString(dir.resolve("eimzo-tsa.service"), tsa.replace("/usr/bin/java", java));
        return Tools.run(List.of("systemd-analyze", "verify", "--man=no", raUnit.toString(), ocspUnit.toString(),
                        tsaUnit.toString()),
                Map.of("SYSTEMD_LOG_COLOR", "0"));
    }

    private static List<String> complaints(Tools.Result result) {
        return result.output().lines().filter(l -> l.contains("eimzo-")).toList();
    }

    private static Map<String, List<String>> section(String unit, String name) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        String current = null;
        for (String line : unit.lines().map(String::strip).toList()) {
            if (line.startsWith("[")) {
                current = line.substring(1, line.length() - 1);
            } else if (name.equals(current) && !line.isEmpty() && !line.startsWith("#") && line.contains("=")) {
                int equals = line.indexOf('=');
                entries.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        return entries;
    }
}
