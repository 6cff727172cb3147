package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.LintException;
import uz.eimzo.ca.x509.TestCsrs;

import javax.sql.DataSource;
import java.util.List;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registration refuses unprintable text, and the lint refuses it again at issuance: a name stored before the
 * rule existed (or reaching the issuer another way) is never signed with a bidirectional override in it.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnprintableSubjectLintTest {

    TestCa ca;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
    }

    private int rows() {
        return ca.jdbc.sql("select count(*) from certificate").query(Integer.class).single();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Toshkent\u202Etnek", "\u2067Toshkent\u2069", "Tosh\u200Bkent", "Tosh\u0085kent"})
    void regionWithBidiOrInvisibleCharactersIsNotSigned(String region) throws Exception {
        Subject base = TestCa.individual();
        Subject subject = new Subject(base.surname(), base.givenName(), base.patronymic(), base.pinfl(), null, region,
                base.district(), null, null);
        int before = rows();
        byte[] csr = TestCsrs.csr(TestCsrs.ec("secp256r1"), "SHA256withECDSA");
        assertThatThrownBy(() -> ca.services.issuer().issueFromCsr(TestCa.ISSUING, "individual", List.of(), subject, csr, "registrar", RegistrationIds.NONE))
                .isInstanceOf(LintException.class).hasMessageContaining("2.5.4.8");
        assertThat(rows()).isEqualTo(before);
    }
}
