package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuanceTest {

    TestCa ca;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
    }

    @Test
    void individualCertificateIsIssuedAndStored() {
        var key = KeyAlgorithm.EC_P256.generate(new SecureRandom());
        IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), key.getPublic(), "registrar", RegistrationIds.NONE));
        assertThat(ca.services.certificates().find(ca.issuing.id(), issued.serial())).isPresent();
    }
}
