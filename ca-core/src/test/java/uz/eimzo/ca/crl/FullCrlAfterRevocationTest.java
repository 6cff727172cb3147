package uz.eimzo.ca.crl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.revocation.RevocationReason;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.IssuedCertificate;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.scheduling.CaJobs;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revocation reaches relying parties that read only the full CRL at the distribution point: after the RA's
 * status-change hook (a CRL job for the CA on the clustered scheduler), the published full CRL lists the certificate
 * within the configured time, and OpenSSL, GnuTLS and NSS reject it with that CRL alone. The scheduled round runs
 * only at start here, so every later CRL comes from the status changes.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FullCrlAfterRevocationTest {

    static final Duration FULL_AFTER_REVOCATION = Duration.ofSeconds(3);
    /** Quartz's own latency (its scheduler thread polls) and CRL generation, on a busy two-core build machine. */
    static final Duration LATENCY = Duration.ofSeconds(3);

    TestCa ca;
    CrlIssuer crls;
    Scheduler node;
    FullCrlClients clients;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        ca = TestCa.create(db.dataSource(), directory);
        crls = new CrlIssuer(db.dataSource(), new CaSigner(List.of(ca.storage)),
                CrlSchedule.defaults().withFullAfterRevocation(FULL_AFTER_REVOCATION),
                new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
        node = scheduler(db);
        CaJobs.register(node, crls, new ResponderCertificates(ca.jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), Duration.ofDays(7)), Duration.ofHours(1), Duration.ofHours(1));
        node.start();
        clients = new FullCrlClients(directory, ca.root.certificate(), ca.issuing.certificate());
    }

    @AfterAll
    void stop() throws Exception {
        node.shutdown(true);
    }

    private IssuedCertificate issue() {
        return ca.services.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic(), "registrar", RegistrationIds.NONE));
    }

    /** What the responder serves at /crl/<ca>.crl, read until it lists the serial or the time is up. */
    private byte[] fullCrlListing(IssuedCertificate certificate, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] der = null;
        while (System.nanoTime() < deadline) {
            der = crls.latest(TestCa.ISSUING, false).orElse(null);
            if (der != null && uz.eimzo.ca.x509.CrlEncoder.parse(der).getRevokedCertificate(certificate.serial()) != null) {
                return der;
            }
            Thread.sleep(100);
        }
        return der;
    }

    private void firstFullCrl() throws InterruptedException {
        while (crls.latest(TestCa.ISSUING, false).isEmpty()) {
            Thread.sleep(100); // the first round's full CRL, before anything is revoked
        }
    }

    private long fullCrls() {
        return ca.jdbc.sql("select count(*) from crl where ca_id = ? and base_crl_number is null")
                .param(ca.issuing.id()).query(Long.class).single();
    }

    private void revoke(IssuedCertificate certificate) throws Exception {
        ca.services.revocations().revoke(TestCa.ISSUING, certificate.serial(), RevocationReason.KEY_COMPROMISE, null, "supervisor");
        CaJobs.issueDeltaNow(node, TestCa.ISSUING); // what the RA does after every status change
    }

    @Test
    void fullCrlOnlyClientsRejectARevokedCertificateWithinTheSettingAfterTheRevocation() throws Exception {
        firstFullCrl();
        IssuedCertificate good = issue();
        IssuedCertificate revoked = issue();
        long start = System.nanoTime();
        revoke(revoked);

        byte[] full = fullCrlListing(revoked, FULL_AFTER_REVOCATION.plus(LATENCY).plus(LATENCY));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        System.out.println("Revocation to a full CRL listing it: " + took.toMillis() + " ms (full-crl-after-revocation "
                + FULL_AFTER_REVOCATION + ")");
        assertThat(uz.eimzo.ca.x509.CrlEncoder.parse(full).getRevokedCertificate(revoked.serial())).isNotNull();
        assertThat(took).isLessThanOrEqualTo(FULL_AFTER_REVOCATION.plus(LATENCY));
        assertThat(clients.check(revoked.certificate(), full).values())
                .allSatisfy(verdict -> assertThat(verdict.revoked()).as(verdict.tool() + ":\n" + verdict.output()).isTrue())
                .allSatisfy(verdict -> assertThat(verdict.accepted()).as(verdict.tool() + ":\n" + verdict.output()).isFalse());
        assertThat(clients.check(good.certificate(), full).values())
                .allSatisfy(verdict -> assertThat(verdict.accepted()).as(verdict.tool() + ":\n" + verdict.output()).isTrue());
    }

    @Test
    void aBurstOfRevocationsIsCoalescedIntoOneFullCrl() throws Exception {
        firstFullCrl();
        // Start right after a full CRL, so the whole burst falls in one period.
        long before = fullCrls();
        IssuedCertificate trigger = issue();
        revoke(trigger);
        fullCrlListing(trigger, FULL_AFTER_REVOCATION.plus(LATENCY).plus(LATENCY));
        long afterFirst = fullCrls();
        List<IssuedCertificate> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(issue());
        }
        for (IssuedCertificate certificate : burst) {
            revoke(certificate);
        }

        byte[] full = fullCrlListing(burst.getLast(), FULL_AFTER_REVOCATION.plus(LATENCY).plus(LATENCY));
        Thread.sleep(FULL_AFTER_REVOCATION.toMillis()); // nothing more is due

        var crl = uz.eimzo.ca.x509.CrlEncoder.parse(full);
        assertThat(burst).allSatisfy(certificate -> assertThat(crl.getRevokedCertificate(certificate.serial())).isNotNull());
        assertThat(afterFirst - before).isEqualTo(1);
        assertThat(fullCrls() - afterFirst).as("one full CRL for the five revocations").isEqualTo(1);
    }

    @Test
    void certificatesAndFullCrlsNameTheDeltaCrl() throws Exception {
        firstFullCrl();
        String delta = new PublicationUrls(TestCa.RESPONDER_BASE).deltaCrl(TestCa.ISSUING);

        assertThat(freshestCrl(issue().certificate().getExtensionValue("2.5.29.46"))).isEqualTo(delta);
        assertThat(freshestCrl(uz.eimzo.ca.x509.CrlEncoder.parse(crls.latest(TestCa.ISSUING, false).orElseThrow())
                .getExtensionValue("2.5.29.46"))).isEqualTo(delta);
    }

    private static String freshestCrl(byte[] extension) throws Exception {
        assertThat(extension).as("freshestCRL").isNotNull();
        var points = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils.parseExtensionValue(extension));
        var names = (org.bouncycastle.asn1.x509.GeneralNames) points.getDistributionPoints()[0].getDistributionPoint().getName();
        return names.getNames()[0].getName().toString();
    }

    private static Scheduler scheduler(TestDatabase db) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "eimzo-ca-full-crl");
        p.setProperty("org.quartz.scheduler.instanceId", "node-a");
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
        return new StdSchedulerFactory(p).getScheduler();
    }
}
