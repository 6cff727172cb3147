package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What monitoring hears from the issuer: one observation per signing decision, with the profile and the outcome. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssuanceObserverTest {

    record Seen(String profile, IssuanceObserver.Outcome outcome, Duration took) {
    }

    TestCa ca;
    DataSource dataSource;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        this.dataSource = dataSource;
        ca = TestCa.create(dataSource, keys);
    }

    private static List<Seen> observe(Issuer issuer) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        issuer.onIssuance((profile, outcome, took) -> seen.add(new Seen(profile, outcome, took)));
        return seen;
    }

    private static IssuedCertificate issue(Issuer issuer, KeyPair key) {
        return issuer.issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(), key.getPublic(),
                "registrar", RegistrationIds.NONE));
    }

    @Test
    void anIssuedAndARefusedCertificateAreObservedWithTheirProfile() {
        Issuer issuer = CaServices.create(dataSource, new CaSigner(List.of(ca.storage)), TestCa.profiles(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC()).issuer();
        List<Seen> seen = observe(issuer);
        KeyPair key = KeyAlgorithm.EC_P256.generate(new SecureRandom());

        issue(issuer, key);
        assertThatThrownBy(() -> issue(issuer, key)).isInstanceOf(IssuanceException.class);

        assertThat(seen).extracting(Seen::profile, Seen::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("individual", IssuanceObserver.Outcome.ISSUED),
                org.assertj.core.groups.Tuple.tuple("individual", IssuanceObserver.Outcome.REFUSED));
        assertThat(seen.getFirst().took()).isPositive();
    }

    @Test
    void aCaKeyThisNodeCannotOpenIsObservedAsFailed() {
        Issuer keyless = CaServices.create(dataSource, new CaSigner(List.of()), TestCa.profiles(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC()).issuer();
        List<Seen> seen = observe(keyless);

        assertThatThrownBy(() -> issue(keyless, KeyAlgorithm.EC_P256.generate(new SecureRandom())))
                .isInstanceOf(KeyUnavailableException.class);

        assertThat(seen).extracting(Seen::outcome).containsExactly(IssuanceObserver.Outcome.FAILED);
    }

    @Test
    void aFailingObserverDoesNotChangeTheDecision() {
        Issuer issuer = CaServices.create(dataSource, new CaSigner(List.of(ca.storage)), TestCa.profiles(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC()).issuer();
        issuer.onIssuance((profile, outcome, took) -> {
            throw new IllegalStateException("monitoring is broken");
        });

        IssuedCertificate issued = issue(issuer, KeyAlgorithm.EC_P256.generate(new SecureRandom()));

        assertThat(ca.services.certificates().find(ca.issuing.id(), issued.serial())).isPresent();
    }
}
