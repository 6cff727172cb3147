package uz.eimzo.ca.scheduling;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Two CA nodes share one clustered Quartz job store in PostgreSQL: each firing runs on exactly one of them. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaJobsClusterTest {

    TestCa ca;
    Scheduler nodeA;
    Scheduler nodeB;

    @BeforeAll
    void startTwoNodes(TestDatabase db, @TempDir Path directory) throws Exception {
        ca = TestCa.create(db.dataSource(), directory);
        nodeA = node(db, "node-a");
        nodeB = node(db, "node-b");
        for (Scheduler node : List.of(nodeA, nodeB)) {
            CrlIssuer crls = new CrlIssuer(db.dataSource(), new CaSigner(List.of(ca.storage)), CrlSchedule.defaults(),
                    new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
            ResponderCertificates responders = new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                    ca.services.issuer(), Duration.ofDays(7));
            // Rounds every 300 ms: both nodes race for every firing.
            CaJobs.register(node, crls, responders, Duration.ofMillis(300), Duration.ofMillis(300));
        }
        nodeA.start();
        nodeB.start();
    }

    @AfterAll
    void stop() throws Exception {
        nodeA.shutdown(true);
        nodeB.shutdown(true);
    }

    private static Scheduler node(TestDatabase db, String id) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "eimzo-ca");
        p.setProperty("org.quartz.scheduler.instanceId", id);
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        p.setProperty("org.quartz.jobStore.dataSource", "db");
        p.setProperty("org.quartz.dataSource.db.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.db.driver", "org.postgresql.Driver");
        p.setProperty("org.quartz.dataSource.db.URL", db.url());
        p.setProperty("org.quartz.dataSource.db.user", db.user());
        p.setProperty("org.quartz.dataSource.db.password", db.password());
        p.setProperty("org.quartz.dataSource.db.maxConnections", "4");
        // Two schedulers in one JVM need distinct factory registrations.
        p.setProperty("org.quartz.scheduler.instanceIdGenerator.class", "org.quartz.simpl.SimpleInstanceIdGenerator");
        p.setProperty("org.quartz.scheduler.instanceId", id);
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        Scheduler scheduler = factory.getScheduler();
        // StdSchedulerFactory caches schedulers by name: take this one out so the second node is a new instance.
        org.quartz.impl.SchedulerRepository.getInstance().remove("eimzo-ca");
        return scheduler;
    }

    @Test
    void scheduledRoundsIssueEachDueCrlOnceAcrossNodes() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && crlCount() < 2) {
            Thread.sleep(100);
        }
        Thread.sleep(2_000); // several more rounds on both nodes: nothing new is due
        assertThat(ca.jdbc.sql("select count(*) from crl where base_crl_number is null").query(Long.class).single())
                .as("one full CRL per CA, though both nodes ran rounds").isEqualTo(2);
    }

    @Test
    void deltaCrlTriggeredAfterARevocationRunsOnceOnOneNode() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && crlCount() < 2) {
            Thread.sleep(100);
        }
        long before = crlCount();
        CaJobs.issueDeltaNow(nodeB, TestCa.ISSUING);
        deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && crlCount() == before) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
        assertThat(crlCount()).isEqualTo(before + 1);
        assertThat(ca.jdbc.sql("select count(*) from crl where base_crl_number is not null")
                .query(Long.class).single()).isEqualTo(1);
    }

    private long crlCount() {
        return ca.jdbc.sql("select count(*) from crl").query(Long.class).single();
    }
}
