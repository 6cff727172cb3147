package uz.eimzo.ca.ceremony;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ceremony's {@code import --external} recognises the real E-IMZO root (2016) and issuing CA (2018) from their
 * certificates alone, in the order a centre joining the national PKI would run it.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecogniseExternalCaCliTest {

    TestDatabase db;
    Path directory;
    Run caBeforeItsRoot;
    Run root;
    Run issuing;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    void joinTheNationalPki(TestDatabase db, @TempDir Path directory) throws IOException {
        this.db = db;
        this.directory = directory;
        Path rootFile = copy("root-2016.der", false);
        Path caFile = copy("ca-2018.der", false);
        caBeforeItsRoot = run("import", "--name", "national-ca", "--certificate", caFile.toString(), "--external");
        root = run("import", "--name", "national-root", "--certificate", rootFile.toString(), "--external");
        issuing = run("import", "--name", "national-ca", "--certificate", caFile.toString(), "--external");
    }

    @Test
    void withoutItsKeyTheRealRootWasRefusedAsNoPrivateKey() throws IOException {
        Run withKeyStorage = run("import", "--name", "root-with-key", "--certificate", copy("root-2016.der", false)
                .toString(), "--pkcs12", directory.resolve("keys.p12").toString());
        assertThat(withKeyStorage.exitCode()).isNotZero();
        assertThat(withKeyStorage.err()).contains("No private key");
    }

    @Test
    void anIssuingCaIsRefusedUntilItsIssuerIsRecognised() {
        assertThat(caBeforeItsRoot.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(caBeforeItsRoot.err()).contains("is not a recognised CA");
    }

    @Test
    void realRootIsRecognisedAfterItsSelfSignatureVerifies() {
        assertThat(root.exitCode()).as(root.err()).isZero();
        assertThat(root.out()).contains("Recognised external CA national-root")
                .contains("external root (self-signature verified)")
                .contains("GOST_UZ").contains("none (external");
    }

    @Test
    void realIssuingCaIsRecognisedUnderTheRealRoot() {
        assertThat(issuing.exitCode()).as(issuing.err()).isZero();
        assertThat(issuing.out()).contains("signature verified under national-root")
                .contains("national-ca -> national-root");
    }

    @Test
    void aCopyWithOneFlippedSignatureBitIsRefused() throws IOException {
        Run tampered = run("import", "--name", "tampered-ca", "--certificate", copy("ca-2018.der", true).toString(),
                "--external");
        assertThat(tampered.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(tampered.err()).contains("does not verify");
        assertThat(run("show", "tampered-ca").exitCode()).isEqualTo(CeremonyException.REFUSED);
    }

    @Test
    void listAndShowNameTheExternalCasAndTheirIssuer() {
        Run list = run("list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("EXTERNAL").containsPattern("national-ca +national-root +GOST_UZ")
                .contains("2 external CAs recognised (no key here)");
        Run show = run("show", "national-ca");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("External CA national-ca").contains("CN=NASRULLOYEV HAYOTJON");
    }

    @Test
    void aRecognisedRootCannotSignAnIssuingCa() {
        Run refused = run("init-issuing", "--parent", "national-root", "--name", "our-issuing", "--algorithm", "gost_uz",
                "--validity", "P5Y", "--cn", "Our CA", "--c", "UZ", "--responder-url", "http://ocsp.example.uz", "--pkcs12", directory.resolve("keys.p12").toString());
        assertThat(refused.exitCode()).isEqualTo(CeremonyException.REFUSED);
        assertThat(refused.err()).contains("recognised external CA").contains("cannot sign");
    }

    @Test
    void externalTakesNoKeyStorage() throws IOException {
        Run refused = run("import", "--name", "x-root", "--certificate", copy("root-2016.der", false).toString(),
                "--external", "--pkcs12", directory.resolve("keys.p12").toString());
        assertThat(refused.exitCode()).isEqualTo(CeremonyException.USAGE);
    }

    private Path copy(String name, boolean flipSignatureBit) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/eimzo-real-chain/" + name)) {
            byte[] der = in.readAllBytes();
            if (flipSignatureBit) {
                der[der.length - 10] ^= 0x01;
            }
            return Files.write(directory.resolve((flipSignatureBit ? "tampered-" : "") + name), der);
        }
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args[0], "--db-url", db.url(), "--db-user", db.user(),
                "--operator", "test-operator"));
        all.addAll(List.of(args).subList(1, args.length));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(Map.of(DatabaseOptions.PASSWORD_VARIABLE, db.password(),
                KeyStorageOptions.PKCS12_PASSWORD, "ceremony-secret-1"), question -> null,
                new PrintWriter(out), new PrintWriter(err));
        int code = CeremonyCli.execute(terminal, all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
