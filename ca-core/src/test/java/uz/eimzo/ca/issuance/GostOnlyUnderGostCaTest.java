package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.profile.ProfileException;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.GostCsrs;

import javax.sql.DataSource;
import java.util.List;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The E-IMZO ecosystem is GOST-only: a GOST-UZ CA certifies GOST-UZ subject keys only, whatever its profiles accept
 * under an ECDSA CA, unless a profile explicitly admits other key types under a GOST-UZ CA. The rule sits where every
 * end-entity issuance passes (operator CSR, API, CMP, renewal), so it is tested here through the issuer's entry points.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostOnlyUnderGostCaTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    TestCa ca;

    @BeforeAll
    void createGostCaWhoseProfilesAcceptEveryKeyType(DataSource dataSource, @TempDir Path keys) {
        ProfileCatalog profiles = TestCa.profiles()
                .withNonGostKeysUnderGostCa(Map.of("legal-entity", Set.of(KeyAlgorithm.EC_P256)));
        ca = TestCa.create(dataSource, keys, KeyAlgorithm.GOST_UZ, Clock.systemUTC(), profiles);
    }

    private long certificates() {
        return ca.jdbc.sql("select count(*) from certificate").query(Long.class).single();
    }

    private long refusalsAudited() {
        return ca.jdbc.sql("select count(*) from audit_event where outcome = 'FAILURE' and details ->> 'code' = 'key.gostOnly'")
                .query(Long.class).single();
    }

    @Test
    void aP256RequestIsRefusedUnderTheGostCaWithItsOwnCodeAndNothingIsRecorded() {
        KeyPair p256 = KeyAlgorithm.EC_P256.generate(RANDOM);
        long before = certificates();
        long auditedBefore = refusalsAudited();

        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), p256.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOfSatisfying(IssuanceException.class, e -> assertThat(e.code()).isEqualTo("key.gostOnly"))
                .hasMessageContaining("GOST-UZ").hasMessageContaining("secp256r1");
        assertThat(certificates()).isEqualTo(before);
        assertThat(refusalsAudited()).isEqualTo(auditedBefore + 1);
    }

    @Test
    void anRsaRequestIsRefusedToo() {
        KeyPair rsa = KeyAlgorithm.RSA_2048.generate(RANDOM);

        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                TestCa.individual(), rsa.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOfSatisfying(IssuanceException.class, e -> assertThat(e.code()).isEqualTo("key.gostOnly"));
    }

    @Test
    void aGostRequestIsStillCertified() {
        KeyPair gost = KeyAlgorithm.GOST_UZ.generate(RANDOM);

        IssuedCertificate issued = ca.services.issuer().issueFromCsr(TestCa.ISSUING, "individual", List.of(), TestCa.individual(),
                GostCsrs.request(gost, "CN=TOSHMATOV ALISHER,C=UZ"), "registrar", RegistrationIds.NONE);

        assertThat(issued.certificate().getPublicKey()).isEqualTo(gost.getPublic());
    }

    @Test
    void aProfileThatExplicitlyAdmitsP256UnderAGostCaCertifiesIt() {
        KeyPair p256 = KeyAlgorithm.EC_P256.generate(RANDOM);

        IssuedCertificate issued = ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "legal-entity",
                TestCa.director(), p256.getPublic(), "registrar", RegistrationIds.NONE));

        assertThat(issued.certificate().getPublicKey()).isEqualTo(p256.getPublic());
    }

    @Test
    void thatAdmissionCoversOnlyTheKeyTypesItNames() {
        KeyPair rsa = KeyAlgorithm.RSA_2048.generate(RANDOM);

        assertThatThrownBy(() -> ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "legal-entity",
                TestCa.director(), rsa.getPublic(), "registrar", RegistrationIds.NONE)))
                .isInstanceOfSatisfying(IssuanceException.class, e -> assertThat(e.code()).isEqualTo("key.gostOnly"));
    }

    @Test
    void anAdmissionOfAKeyTypeTheProfileDoesNotAcceptIsRefusedAtStartUp() {
        ProfileCatalog p256Only = TestCa.profiles(EnumSet.of(KeyAlgorithm.EC_P256, KeyAlgorithm.GOST_UZ), KeyAlgorithm.EC_P256);

        assertThatThrownBy(() -> p256Only.withNonGostKeysUnderGostCa(Map.of("individual", Set.of(KeyAlgorithm.RSA_2048))))
                .isInstanceOf(ProfileException.class).hasMessageContaining("RSA_2048");
    }
}
