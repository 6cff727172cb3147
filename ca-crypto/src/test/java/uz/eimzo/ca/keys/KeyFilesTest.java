package uz.eimzo.ca.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key files are owner-only from creation, and an unconfigured password is random per installation, never a constant. */
class KeyFilesTest {

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void twoFreshFoldersGetDifferentRandomPasswordsKeptOwnerOnly(@TempDir Path one, @TempDir Path two) throws Exception {
        String first = new String(KeyFiles.password(one.resolve("demo-ca.p12"), null));
        String second = new String(KeyFiles.password(two.resolve("demo-ca.p12"), ""));
        assertThat(first).hasSize(32).isNotEqualTo(second);
        assertThat(mode(one.resolve("demo-ca.p12.password"))).isEqualTo("rw-------");
        assertThat(new String(KeyFiles.password(one.resolve("demo-ca.p12"), null))).as("the next start").isEqualTo(first);
    }

    @Test
    void aConfiguredPasswordIsUsedAndNothingIsWritten(@TempDir Path folder) {
        assertThat(KeyFiles.password(folder.resolve("ocsp-keys.p12"), "from-the-environment")).containsExactly(
                "from-the-environment".toCharArray());
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void anExistingKeyFileWithoutItsPasswordIsRefusedRatherThanGivenANewPassword(@TempDir Path folder) throws Exception {
        Path old = Files.writeString(folder.resolve("demo-ca.p12"), "written under a password nobody kept");
        assertThatThrownBy(() -> KeyFiles.password(old, null)).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("configure the password it was written with");
        assertThat(folder.resolve("demo-ca.p12.password")).doesNotExist();
    }

    @Test
    void aKeyFileIsOwnerOnlyEvenWhereItReplacesAWorldReadableOne(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("operator-tls.p12"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        KeyFiles.write(file, out -> out.write("new".getBytes(StandardCharsets.US_ASCII)));
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(file).hasContent("new");
        try (var left = Files.list(folder)) {
            assertThat(left.toList()).containsExactly(file);
        }
    }
}
