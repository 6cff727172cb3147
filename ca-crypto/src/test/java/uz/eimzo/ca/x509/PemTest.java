package uz.eimzo.ca.x509;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PEM codec reads one block with the expected label and refuses anything else with a clear error. */
class PemTest {

    private static final byte[] DER = TestCsrs.csr(TestCsrs.ec("secp256r1"), "SHA256withECDSA");
    private static final Set<String> REQUEST = Set.of(Pem.CERTIFICATE_REQUEST);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String pem() {
        return Pem.encode(Pem.CERTIFICATE_REQUEST, DER);
    }

    @Test
    void writesOneBlockInLinesOf64WithTheLabel() {
        String text = pem();

        assertThat(text).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n").endsWith("-----END CERTIFICATE REQUEST-----\n")
                .doesNotContain("\r");
        assertThat(text.lines().skip(1).limit(text.lines().count() - 2)).allMatch(line -> line.length() <= 64)
                .first().asString().hasSize(64);
    }

    @Test
    void readsWhatItWrites() {
        assertThat(Pem.decode(bytes(pem()), REQUEST)).isEqualTo(DER);
    }

    @Test
    void readsCrlfLineEndings() {
        assertThat(Pem.decode(bytes(pem().replace("\n", "\r\n")), REQUEST)).isEqualTo(DER);
    }

    @Test
    void readsAroundWhitespaceAndExplanatoryText() {
        String text = "Subject: CN=Applicant\n\n" + pem().replace("\n", "  \n").replaceFirst("-----\\s+\n", "-----\n\t") + "\n\n";

        assertThat(Pem.decode(bytes(text), REQUEST)).isEqualTo(DER);
    }

    @Test
    void readsTheBase64OfOneLongLine() {
        String text = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getEncoder().encodeToString(DER)
                + "\n-----END CERTIFICATE REQUEST-----\n";

        assertThat(Pem.decode(bytes(text), REQUEST)).isEqualTo(DER);
    }

    @Test
    void refusesAnotherLabel() {
        String certificate = Pem.encode(Pem.CERTIFICATE, DER);

        assertThatThrownBy(() -> Pem.decode(bytes(certificate), REQUEST)).isInstanceOf(MalformedInputException.class)
                .hasMessage("The PEM block is labelled \"CERTIFICATE\", expected CERTIFICATE REQUEST");
    }

    @Test
    void refusesCharactersOutsideBase64InsideTheBlock() {
        String[] lines = pem().split("\n");
        lines[2] = lines[2].substring(0, 10) + "%*é" + lines[2].substring(10);
        String garbled = String.join("\n", lines) + "\n";

        assertThatThrownBy(() -> Pem.decode(bytes(garbled), REQUEST)).isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith("The PEM block is malformed");
    }

    @Test
    void refusesASecondBlock() {
        String two = pem() + pem();

        assertThatThrownBy(() -> Pem.decode(bytes(two), REQUEST)).isInstanceOf(MalformedInputException.class)
                .hasMessage("The text holds more than one PEM block; exactly one CERTIFICATE REQUEST is expected");
    }

    @Test
    void refusesABlockWithoutItsEnd() {
        String cut = pem().substring(0, pem().indexOf("-----END"));

        assertThatThrownBy(() -> Pem.decode(bytes(cut), REQUEST)).isInstanceOf(MalformedInputException.class)
                .hasMessageStartingWith("The PEM block is malformed");
    }

    @Test
    void refusesHeaders() {
        String withHeader = pem().replaceFirst("-----\n", "-----\nProc-Type: 4,ENCRYPTED\n\n");

        assertThatThrownBy(() -> Pem.decode(bytes(withHeader), REQUEST)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("headers");
    }

    @Test
    void refusesTextWithoutABlock() {
        assertThatThrownBy(() -> Pem.decode(bytes("just some text"), REQUEST)).isInstanceOf(MalformedInputException.class)
                .hasMessage("No PEM block (-----BEGIN ...-----) was found");
    }
}
