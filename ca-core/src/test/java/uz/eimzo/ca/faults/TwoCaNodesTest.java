package uz.eimzo.ca.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two CA nodes on one database issuing and revoking at once: unique serials, every change applied, one audit chain. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoCaNodesTest {

    TestCa ca;
    HikariDataSource secondPool;
    CaServices nodeA;
    CaServices nodeB;

    @BeforeAll
    void twoNodes(TestDatabase db, @TempDir Path dir) {
        ca = TestCa.create(db.dataSource(), dir);
        nodeA = ca.services;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        secondPool = new HikariDataSource(config);
        nodeB = CaServices.create(secondPool, new CaSigner(List.of(ca.storage)), TestCa.profiles(),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
    }

    @AfterAll
    void close() {
        secondPool.close();
    }

    @Test
    void concurrentIssuanceAndRevocationOnTwoNodesKeepsSerialsUniqueAndTheAuditChainWhole() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<BigInteger>> issued = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CaServices node = i % 2 == 0 ? nodeA : nodeB;
            issued.add(pool.submit(() -> node.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                    TestCa.individual(), KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), "two-nodes",
                    RegistrationIds.NONE)).serial()));
        }
        List<BigInteger> serials = new ArrayList<>();
        for (Future<BigInteger> f : issued) {
            serials.add(f.get(120, TimeUnit.SECONDS));
        }
        // Revoke every third from the other node while the first keeps issuing.
        List<Future<?>> changes = new ArrayList<>();
        for (int i = 0; i < serials.size(); i += 3) {
            BigInteger serial = serials.get(i);
            CaServices node = i % 2 == 0 ? nodeB : nodeA;
            changes.add(pool.submit(() -> node.revocations().revoke(TestCa.ISSUING, serial, RevocationReason.SUPERSEDED, null, "two-nodes")));
            changes.add(pool.submit(() -> nodeA.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual",
                    TestCa.individual(), KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), "two-nodes", RegistrationIds.NONE))));
        }
        for (Future<?> f : changes) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        var jdbc = ca.jdbc;
        assertThat(serials).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from certificate where requester = 'two-nodes'").query(Integer.class).single())
                .isEqualTo(80);
        assertThat(jdbc.sql("select count(distinct serial) from certificate where requester = 'two-nodes'").query(Integer.class).single())
                .isEqualTo(80);
        assertThat(jdbc.sql("select count(*) from certificate where requester = 'two-nodes' and status = 'REVOKED'")
                .query(Integer.class).single()).isEqualTo(20);
        assertThat(jdbc.sql("select count(*) from certificate where requester = 'two-nodes' and status = 'PENDING'")
                .query(Integer.class).single()).isZero();
        var chain = new AuditVerification(jdbc).verify();
        assertThat(chain.intact()).as(chain.problem()).isTrue();
    }
}
