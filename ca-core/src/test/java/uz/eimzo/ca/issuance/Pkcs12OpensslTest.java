package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own PKCS#12 writer, read by openssl: an ECDSA DS….pfx opens with its password and shows the layout we chose. */
@ExtendWith(PostgresExtension.class)
class Pkcs12OpensslTest {

    @Test
    void opensslOpensAServerMadePfxAndSeesAes256Pbes2AndTheAlias(DataSource dataSource, @TempDir Path directory) throws Exception {
        TestCa ca = TestCa.create(dataSource, directory);
        KeyBundle bundle = ca.services.issuer().issueWithServerKey(TestCa.ISSUING, "individual", List.of(),
                new Subject("Aliyeva", "Gulnora", null, TestCa.pinfl("135", "057"), null, "Toshkent shahri",
                        "Olmazor tumani", null, null), "registrar", RegistrationIds.NONE);
        Path file = directory.resolve(bundle.fileName());
        Files.write(file, bundle.pkcs12());

        Process openssl = new ProcessBuilder(List.of("openssl", "pkcs12", "-in", file.toString(), "-info", "-nodes",
                "-passin", "pass:" + new String(bundle.password()))).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(openssl.exitValue()).as(output).isZero();
        assertThat(output).contains("MAC: sha256").contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC")
                .contains("friendlyName: cn=").contains("-----BEGIN PRIVATE KEY-----")
                .doesNotContain("PKCS7 Encrypted data");
    }
}
