package uz.eimzo.ra.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.audit.AuditVerification;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.scheduling.CaJobs;
import uz.eimzo.ca.signing.CaSigner;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ca.checkpoints.CheckpointCadence;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.reminders.Mailbox;
import uz.eimzo.ra.reminders.ReminderProperties;

/**
 * The CA node's recurring work on the clustered Quartz scheduler: CRLs when due, and certificates for the
 * responders' delegated keys. Every node registers; the JDBC job store runs each firing on one node.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    /**
     * @param fullAfterRevocation how soon a full CRL follows a status change it lacks (relying parties that read only
     *                            full CRLs see a revocation within it); 0: at once
     */
    @Bean
    CrlIssuer crlIssuer(DataSource dataSource, CaSigner signer, CaProperties properties, Clock clock,
                        CaServices ca, SignatureAlarms alarms,
                        @Value("${eimzo.ca.full-crl-after-revocation:" + CrlSchedule.DEFAULT_FULL_AFTER_REVOCATION + "}")
                        Duration fullAfterRevocation) {
        return new CrlIssuer(dataSource, signer, CrlSchedule.defaults().withFullAfterRevocation(fullAfterRevocation),
                new PublicationUrls(properties.responderUrl()), clock, ca.audit(), alarms);
    }

    /** Where a CRL or audit checkpoint signature that does not verify is reported (log, audit, meter). */
    @Bean
    SignatureAlarms signatureAlarms(JdbcClient jdbc, DataSource dataSource, Clock clock) {
        return new SignatureAlarms(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
    }

    /** {@code eimzo.signature.unverified}: CA signatures caught before they were stored or published, by kind. */
    @Bean
    MeterBinder signatureAlarmMeter(SignatureAlarms alarms) {
        return registry -> {
            Map<SignatureAlarms.Kind, Counter> counters =
                    new EnumMap<>(SignatureAlarms.Kind.class);
            for (var kind : SignatureAlarms.Kind.values()) {
                counters.put(kind, Counter.builder("eimzo.signature.unverified")
                        .description("CA signatures (CRLs, audit checkpoints) that did not verify with the CA's public key;"
                                + " what they signed was neither stored nor published")
                        .tag("kind", kind.tag()).register(registry));
            }
            alarms.onAlarm(kind -> counters.get(kind).increment());
        };
    }

    /**
     * Signs an audit checkpoint after every {@code eimzo.ca.audit-checkpoint-events} audit rows, besides the
     * time-based job, so the tail no checkpoint covers stays short in events as well as in time.
     */
    @Bean
    CheckpointCadence auditCheckpointCadence(CaServices ca, AuditCheckpoints checkpoints,
                                                               RaProperties ra,
                                                               @Value("${eimzo.ca.audit-checkpoint-events:100}") long everyEvents) {
        var cadence = new CheckpointCadence(checkpoints, ra.issuingCa(), everyEvents);
        ca.audit().onAppended(cadence::appended);
        return cadence;
    }

    @Bean
    ResponderCertificates responderCertificates(CaServices ca, JdbcClient jdbc,
                                                @Value("${eimzo.ca.responder-certificate-validity:P7D}") Duration validity,
                                                @Value("${eimzo.ca.tsa-certificate-validity:P90D}") Duration tsaValidity) {
        return new ResponderCertificates(jdbc, ca.authoritiesDirectory(), ca.issuer(), validity, tsaValidity);
    }

    /** Walks the audit chain for the auditor's page. */
    @Bean
    AuditVerification auditVerification(JdbcClient jdbc) {
        return new AuditVerification(jdbc);
    }

    @Bean
    AuditCheckpoints auditCheckpoints(CaServices ca, JdbcClient jdbc, CaSigner signer, Clock clock,
                                                        SignatureAlarms alarms) {
        return new AuditCheckpoints(jdbc, ca.authoritiesDirectory(), signer, clock,
                alarms);
    }

    /**
     * Jobs persisted by an earlier run fire as soon as the scheduler starts, before any runner: their collaborators
     * must be in the scheduler context from the start.
     */
    @Bean
    SchedulerFactoryBeanCustomizer caJobCollaborators(
            CrlIssuer crls, ResponderCertificates responders, AuditCheckpoints checkpoints,
            ObjectProvider<ExpiryReminders> reminders,
            ObjectProvider<Mailbox> mailbox) {
        Map<String, Object> context = new HashMap<>(Map.of(CaJobs.CRL_ISSUER, crls,
                CaJobs.RESPONDER_CERTIFICATES, responders, CaJobs.AUDIT_CHECKPOINTS, checkpoints));
        reminders.ifAvailable(r -> context.put(CaJobs.EXPIRY_REMINDERS, r));
        mailbox.ifAvailable(m -> context.put(CaJobs.MAILBOX, m));
        return factory -> factory.setSchedulerContextAsMap(context);
    }

    @Bean
    @Order(20)
    ApplicationRunner registerCaJobs(Scheduler scheduler, CrlIssuer crls, ResponderCertificates responders,
                                     AuditCheckpoints checkpoints, RaProperties ra,
                                     ObjectProvider<ExpiryReminders> reminders,
                                     ObjectProvider<Mailbox> mailbox,
                                     ReminderProperties reminderProperties,
                                     @Value("${eimzo.ca.crl-round:PT1M}") Duration crlRound,
                                     @Value("${eimzo.ca.responder-round:PT15S}") Duration responderRound,
                                     @Value("${eimzo.ca.audit-checkpoint-every:PT1M}") Duration checkpointEvery) {
        return (ApplicationArguments args) -> {
            CaJobs.register(scheduler, crls, responders, crlRound, responderRound);
            CaJobs.registerAuditCheckpoints(scheduler, checkpoints, ra.issuingCa(), checkpointEvery);
            if (reminders.getIfAvailable() != null && mailbox.getIfAvailable() != null) {
                CaJobs.registerReminders(scheduler, reminders.getObject(), mailbox.getObject(), reminderProperties.every());
                log.info("Expiry reminders looked for every {}", reminderProperties.every());
            }
            log.info("CA jobs registered: CRLs checked every {}, responder keys certified every {}", crlRound, responderRound);
        };
    }

    /**
     * Publishes a delta CRL right after every status change (operators, API, CMP, self-service), when
     * {@code eimzo.ca.delta-crl-on-revocation} is on.
     */
    @Bean
    RevocationPublisher revocationPublisher(Scheduler scheduler, CaServices ca,
                                            @Value("${eimzo.ca.delta-crl-on-revocation:true}") boolean enabled) {
        RevocationPublisher publisher = caName -> {
            if (!enabled) {
                return;
            }
            try {
                CaJobs.issueDeltaNow(scheduler, caName);
            } catch (SchedulerException e) {
                // The status change stands and OCSP already answers it; the next scheduled CRL will carry it.
                log.warn("Could not schedule an immediate delta CRL for {}: {}", caName, e.getMessage());
            }
        };
        ca.revocations().onStatusChange(publisher::statusChanged);
        return publisher;
    }

    /** Tells CRL publication that a certificate of a CA changed status. */
    public interface RevocationPublisher {
        void statusChanged(String caName);
    }
}
