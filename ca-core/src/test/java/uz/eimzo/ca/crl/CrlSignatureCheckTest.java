package uz.eimzo.ca.crl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.audit.LogCapture;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.fixtures.FaultyKeyStorage;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A CRL is verified with the CA certificate's key before it is stored: one signed by a faulty HSM is never stored,
 * so never published, and raises the alarm (log line, listeners, audit event).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrlSignatureCheckTest {

    TestCa ca;
    CrlIssuer healthy;
    CrlIssuer faulty;
    List<SignatureAlarms.Kind> alarmed = new CopyOnWriteArrayList<>();

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path directory) {
        ca = TestCa.create(dataSource, directory);
        healthy = new CrlIssuer(dataSource, new CaSigner(List.of(ca.storage)), CrlSchedule.defaults(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
        SignatureAlarms alarms = new SignatureAlarms(ca.jdbc, ca.transactions, Clock.systemUTC());
        alarms.onAlarm(alarmed::add);
        faulty = new CrlIssuer(dataSource, new CaSigner(List.of(new FaultyKeyStorage(ca.storage))), CrlSchedule.defaults(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC(), ca.services.audit(), alarms);
    }

    private long crls() {
        return ca.jdbc.sql("select count(*) from crl").query(Long.class).single();
    }

    private long alarmEvents() {
        return ca.jdbc.sql("select count(*) from audit_event where action = 'crl.signature.unverified'"
                + " and outcome = 'FAILURE' and target = ?").param(TestCa.ISSUING).query(Long.class).single();
    }

    @Test
    void fullAndDeltaCrlsWithABadSignatureAreNeitherStoredNorPublishedAndRaiseTheAlarm() {
        byte[] published = healthy.issueFull(TestCa.ISSUING, "crl-test").der();
        long stored = crls();
        long audited = alarmEvents();
        alarmed.clear();
        var logs = LogCapture.of(SignatureAlarms.class);

        assertThatThrownBy(() -> faulty.issueFull(TestCa.ISSUING, "crl-test")).isInstanceOf(KeyUnavailableException.class);
        assertThatThrownBy(() -> faulty.issueDelta(TestCa.ISSUING, "crl-test")).isInstanceOf(KeyUnavailableException.class);

        assertThat(crls()).isEqualTo(stored);
        assertThat(healthy.latest(TestCa.ISSUING, false)).hasValue(published);
        assertThat(healthy.latest(TestCa.ISSUING, true)).isEmpty();
        assertThat(alarmed).containsExactly(SignatureAlarms.Kind.CRL, SignatureAlarms.Kind.CRL);
        assertThat(alarmEvents() - audited).isEqualTo(2);
        assertThat(logs.errors()).hasSize(2).allSatisfy(line -> assertThat(line).contains("ALARM").contains(TestCa.ISSUING));
    }

    @Test
    void aHealthyKeysCrlPassesTheCheckAndIsStored() {
        long stored = crls();

        var crl = healthy.issueFull(TestCa.ISSUING, "crl-test");

        assertThat(crls()).isEqualTo(stored + 1);
        assertThat(healthy.latest(TestCa.ISSUING, false)).hasValue(crl.der());
    }

    @Test
    void aGostUzCasCrlPassesTheCheckAndAFaultyGostSignatureDoesNot(@TempDir Path directory) {
        try (var db = uz.eimzo.ca.testing.PostgresServer.get().newDatabase()) {
            TestCa gost = TestCa.create(db.dataSource(), directory, uz.eimzo.ca.keys.KeyAlgorithm.GOST_UZ, Clock.systemUTC());
            CrlIssuer issuer = new CrlIssuer(db.dataSource(), new CaSigner(List.of(gost.storage)), CrlSchedule.defaults(),
                    new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
            CrlIssuer broken = new CrlIssuer(db.dataSource(), new CaSigner(List.of(new FaultyKeyStorage(gost.storage))),
                    CrlSchedule.defaults(), new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());

            assertThat(issuer.issueFull(TestCa.ISSUING, "crl-test").der()).isNotEmpty();
            assertThatThrownBy(() -> broken.issueFull(TestCa.ISSUING, "crl-test")).isInstanceOf(KeyUnavailableException.class);
        }
    }
}
