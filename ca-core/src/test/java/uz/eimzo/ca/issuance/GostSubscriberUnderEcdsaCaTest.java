package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.GostCsrs;

import javax.sql.DataSource;
import java.util.List;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The hierarchy's algorithm and the subscriber's are independent: an ECDSA CA certifies a GOST-UZ key its profile accepts. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostSubscriberUnderEcdsaCaTest {

    TestCa ca;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
    }

    @Test
    void ecdsaIssuingCaCertifiesAGostRequest() throws Exception {
        var pair = KeyAlgorithm.GOST_UZ.generate(new SecureRandom());
        IssuedCertificate issued = ca.services.issuer().issueFromCsr(TestCa.ISSUING, "individual", List.of(), TestCa.individual(),
                GostCsrs.request(pair, "CN=TOSHMATOV ALISHER,C=UZ"), "registrar", RegistrationIds.NONE);
        assertThat(issued.certificate().getPublicKey()).isEqualTo(pair.getPublic());
        assertThat(issued.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        issued.certificate().verify(ca.issuing.certificate().getPublicKey());
    }
}
