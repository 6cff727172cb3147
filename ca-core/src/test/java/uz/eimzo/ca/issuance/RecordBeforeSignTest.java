package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.fixtures.ForwardingKeyStorage;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CA key signs only what is already in the database, and a failed signature leaves evidence, not a certificate. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordBeforeSignTest {

    TestCa ca;
    CaServices watched;
    JdbcClient jdbc;
    final List<String> seenAtSigning = new ArrayList<>();
    volatile boolean failNextSignature;
    volatile boolean corruptNextSignature;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        ca = TestCa.create(dataSource, keys);
        jdbc = JdbcClient.create(dataSource);
        KeyStorage watching = new WatchingStorage(ca.storage);
        watched = CaServices.create(dataSource, new CaSigner(List.of(watching)), TestCa.profiles(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
    }

    /** Delegates to the real storage, but looks at the database each time the CA key is asked to sign. */
    private final class WatchingStorage extends ForwardingKeyStorage {

        WatchingStorage(KeyStorage real) {
            super(real);
        }

        @Override
        protected byte[] sign(SigningKey key, byte[] tbs) {
            seenAtSigning.add(jdbc.sql("select status from certificate where tbs = ?").param(tbs)
                    .query(String.class).optional().orElse("NOT RECORDED"));
            if (failNextSignature) {
                failNextSignature = false;
                throw new KeyUnavailableException("simulated HSM failure");
            }
            byte[] signature = key.sign(tbs);
            if (corruptNextSignature) {
                corruptNextSignature = false;
                signature[signature.length - 1] ^= 0x01;
            }
            return signature;
        }
    }

    private EndEntityRequest request() {
        return new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), "registrar", RegistrationIds.NONE);
    }

    @Test
    void toBeSignedBytesAreRecordedAsPendingBeforeTheCaKeySigns() {
        seenAtSigning.clear();
        IssuedCertificate issued = watched.issuer().issue(request());
        assertThat(seenAtSigning).containsExactly("PENDING");
        assertThat(jdbc.sql("select status from certificate where serial = ?")
                .param(new java.math.BigDecimal(issued.serial())).query(String.class).single()).isEqualTo("GOOD");
    }

    @Test
    void failedSignatureLeavesThePendingRecordAndReturnsNothing() {
        int pendingBefore = jdbc.sql("select count(*) from certificate where status = 'PENDING'").query(Integer.class).single();
        failNextSignature = true;
        assertThatThrownBy(() -> watched.issuer().issue(request())).isInstanceOf(KeyUnavailableException.class);
        int pendingAfter = jdbc.sql("select count(*) from certificate where status = 'PENDING'").query(Integer.class).single();
        assertThat(pendingAfter).isEqualTo(pendingBefore + 1);
        assertThat(jdbc.sql("select count(*) from certificate where status = 'PENDING' and der is not null")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void signatureThatDoesNotVerifyIsNeitherStoredNorReturned() {
        corruptNextSignature = true;
        assertThatThrownBy(() -> watched.issuer().issue(request())).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("does not verify");
        assertThat(jdbc.sql("select count(*) from certificate where status = 'PENDING' and der is not null")
                .query(Integer.class).single()).isZero();
        assertThat(watched.issuer().issue(request()).certificate()).isNotNull();
    }
}
