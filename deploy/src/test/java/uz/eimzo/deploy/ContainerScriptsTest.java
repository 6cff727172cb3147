package uz.eimzo.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts the images run: the secrets entrypoint and the SoftHSM2 token initialisation, on the real tools. */
class ContainerScriptsTest {

    private static final Path ENTRYPOINT = Path.of("docker/entrypoint.sh");
    private static final Path INIT_TOKEN = Path.of("compose/softhsm/init-token.sh");
    private static final Path HSM_CONFIG = Path.of("compose/softhsm/hsm.cfg");

    @Test
    void theEntrypointTurnsSecretFilesIntoVariablesAndDropsTheFileNames(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("db_password"), "s3cret with spaces");
        Tools.Result result = Tools.runClean(List.of("sh", ENTRYPOINT.toString(), "env"),
                Map.of("SPRING_DATASOURCE_PASSWORD_SECRET_FILE", secret.toString(), "PLAIN", "kept"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).contains("SPRING_DATASOURCE_PASSWORD=s3cret with spaces", "PLAIN=kept")
                .noneMatch(line -> line.startsWith("SPRING_DATASOURCE_PASSWORD_SECRET_FILE="));
    }

    @Test
    void theEntrypointLeavesSettingsThatAreFilePathsAlone(@TempDir Path dir) throws Exception {
        // The responder creates this key store itself on first start: it must reach the application as a path.
        String keys = dir.resolve("keys/ocsp-keys.p12").toString();
        Tools.Result result = Tools.runClean(List.of("sh", ENTRYPOINT.toString(), "env"), Map.of("EIMZO_OCSP_KEYS_PKCS12_FILE", keys));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines()).contains("EIMZO_OCSP_KEYS_PKCS12_FILE=" + keys);
    }

    @Test
    void theEntrypointRefusesToStartWhenASecretFileIsMissing(@TempDir Path dir) throws Exception {
        Tools.Result result = Tools.runClean(List.of("sh", ENTRYPOINT.toString(), "echo", "started"),
                Map.of("EIMZO_CA_PKCS11_PIN_SECRET_FILE", dir.resolve("absent").toString()));
        assertThat(result.exitCode()).isEqualTo(64);
        assertThat(result.output()).contains("EIMZO_CA_PKCS11_PIN_SECRET_FILE").doesNotContain("started");
    }

    @Test
    void softhsmInitMakesTheTokenOnceAndTheComposeSunPkcs11ConfigurationLogsInToIt(@TempDir Path dir) throws Exception {
        Tools.assumeInstalled("softhsm2-util");
        Path library = Path.of("/usr/lib/softhsm/libsofthsm2.so");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(library), library + " is not installed here");
        Files.createDirectories(dir.resolve("tokens"));
        Path conf = Files.writeString(dir.resolve("softhsm2.conf"),
                "directories.tokendir = " + dir.resolve("tokens") + "\nobjectstore.backend = file\n");
        Map<String, String> environment = Map.of("SOFTHSM2_CONF", conf.toString(), "EIMZO_TOKEN_LABEL", "eimzo",
                "EIMZO_HSM_SO_PIN", "so-pin-5566", "EIMZO_PKCS11_PIN", "user-pin-1234");

        Tools.Result first = Tools.run(List.of("sh", INIT_TOKEN.toString()), environment);
        Tools.Result second = Tools.run(List.of("sh", INIT_TOKEN.toString()), environment);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("SoftHSM2 token 'eimzo' initialised");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("already initialised");

        // SunPKCS11 with the very configuration file compose mounts at /etc/eimzo/hsm.cfg, in a JVM of its own
        // (SoftHSM2 reads SOFTHSM2_CONF when the library loads): login with the user PIN proves slotListIndex 0
        // is the initialised token and not SoftHSM2's free slot.
        Path probe = Files.writeString(dir.resolve("Probe.java"), """
                import java.security.KeyStore;
                import java.security.Security;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        var provider = Security.getProvider("SunPKCS11").configure(args[0]);
                        KeyStore store = KeyStore.getInstance("PKCS11", provider);
                        store.load(null, args[1].toCharArray());
                        System.out.println("logged in; aliases: " + java.util.Collections.list(store.aliases()));
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Tools.Result login = Tools.run(List.of(java, probe.toString(), HSM_CONFIG.toAbsolutePath().toString(), "user-pin-1234"),
                Map.of("SOFTHSM2_CONF", conf.toString()));
        assertThat(login.exitCode()).as(login.output()).isZero();
        assertThat(login.output()).contains("logged in");

        Tools.Result wrongPin = Tools.run(List.of(java, probe.toString(), HSM_CONFIG.toAbsolutePath().toString(), "wrong-pin-0000"),
                Map.of("SOFTHSM2_CONF", conf.toString()));
        assertThat(wrongPin.exitCode()).isNotZero();
        assertThat(wrongPin.output()).contains("CKR_PIN_INCORRECT");
    }

    @Test
    void theRecommendedHsmConfigurationMakesGeneratedKeysSensitiveAndUnextractableTokenObjects(@TempDir Path dir) throws Exception {
        Tools.assumeInstalled("softhsm2-util");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/usr/lib/softhsm/libsofthsm2.so")), "SoftHSM2 is not installed here");
        Files.createDirectories(dir.resolve("tokens"));
        Path conf = Files.writeString(dir.resolve("softhsm2.conf"),
                "directories.tokendir = " + dir.resolve("tokens") + "\nobjectstore.backend = file\n");
        Map<String, String> environment = Map.of("SOFTHSM2_CONF", conf.toString());
        assertThat(Tools.run(List.of("softhsm2-util", "--init-token", "--free", "--label", "ca", "--so-pin", "55667788",
                "--pin", "12345678"), environment).exitCode()).isZero();
        // deploy/hsm/hsm.cfg.example with SoftHSM2 in place of the vendor's library: the attributes are the point.
        Path config = Files.writeString(dir.resolve("hsm.cfg"), Files.readString(Path.of("hsm/hsm.cfg.example"))
                .replace("/opt/hsm/lib/libvendorpkcs11.so", "/usr/lib/softhsm/libsofthsm2.so")
                .replace("slot = 0", "slotListIndex = 0"));
        // keytool generates on the token and stores the key with a chain, as Pkcs11KeyStorage does.
        String javaHome = ProcessHandle.current().info().command().map(c -> Path.of(c).getParent().toString()).orElseThrow();
        Tools.Result generated = Tools.run(List.of(javaHome + "/keytool", "-genkeypair", "-keystore", "NONE", "-storetype", "PKCS11",
                "-providerClass", "sun.security.pkcs11.SunPKCS11", "-providerArg", config.toString(), "-storepass", "12345678",
                "-alias", "eimzo-issuing-1", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Issuing CA"), environment);
        assertThat(generated.exitCode()).as(generated.output()).isZero();

        Path probe = Files.writeString(dir.resolve("Probe.java"), """
                import java.security.KeyStore;
                import java.security.Security;
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        var provider = Security.getProvider("SunPKCS11").configure(args[0]);
                        KeyStore store = KeyStore.getInstance("PKCS11", provider);
                        store.load(null, args[1].toCharArray());
                        var key = store.getKey("eimzo-issuing-1", null);
                        System.out.println(key + " encoded=" + (key.getEncoded() != null));
                    }
                }
                """);
        Tools.Result key = Tools.run(List.of(javaHome + "/java", probe.toString(), config.toString(), "12345678"), environment);
        assertThat(key.exitCode()).as(key.output()).isZero();
        assertThat(key.output()).contains("token object, sensitive, unextractable", "encoded=false");
    }
}
