package uz.eimzo.ca.x509;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A PEM certificate request is read by the one PEM codec: its label is checked and nothing is skipped over. */
class CertificationRequestPemTest {

    private static final byte[] DER = TestCsrs.csr(TestCsrs.ec("secp256r1"), "SHA256withECDSA");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void requestInPemIsReadWithEitherRequestLabel() {
        assertThat(CertificationRequests.parse(bytes(Pem.encode(Pem.CERTIFICATE_REQUEST, DER))).der()).isEqualTo(DER);
        assertThat(CertificationRequests.parse(bytes(Pem.encode(Pem.NEW_CERTIFICATE_REQUEST, DER))).der()).isEqualTo(DER);
    }

    @Test
    void requestLabelledAsACertificateIsRefused() {
        assertThatThrownBy(() -> CertificationRequests.parse(bytes(Pem.encode(Pem.CERTIFICATE, DER))))
                .isInstanceOf(MalformedInputException.class)
                .satisfies(e -> assertThat(((MalformedInputException) e).code()).isEqualTo("csr.malformed"))
                .hasMessageContaining("labelled \"CERTIFICATE\"");
    }

    @Test
    void charactersOutsideBase64AreRefusedNotSkipped() {
        String[] lines = Pem.encode(Pem.CERTIFICATE_REQUEST, DER).split("\n");
        lines[1] = lines[1].substring(0, 8) + "%!*~" + lines[1].substring(8);

        assertThatThrownBy(() -> CertificationRequests.parse(bytes(String.join("\n", lines))))
                .isInstanceOf(MalformedInputException.class)
                .satisfies(e -> assertThat(((MalformedInputException) e).code()).isEqualTo("csr.malformed"));
    }

    @Test
    void twoRequestsInOneTextAreRefused() {
        String two = Pem.encode(Pem.CERTIFICATE_REQUEST, DER) + Pem.encode(Pem.CERTIFICATE_REQUEST, DER);

        assertThatThrownBy(() -> CertificationRequests.parse(bytes(two))).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("more than one PEM block");
    }
}
