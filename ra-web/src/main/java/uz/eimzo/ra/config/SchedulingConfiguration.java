package uz.eimzo.ra.config;

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
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.scheduling.CaJobs;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The CA node's recurring work on the clustered Quartz scheduler: CRLs when due, and certificates for the
 * responders' delegated keys. Every node registers; the JDBC job store runs each firing on one node.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulingConfiguration.class);

    @Bean
    CrlIssuer crlIssuer(DataSource dataSource, List<KeyStorage> storages, CaProperties properties, Clock clock) {
        return new CrlIssuer(dataSource, new KeyResolver(storages), CrlSchedule.defaults(),
                new PublicationUrls(properties.responderUrl()), clock);
    }

    @Bean
    ResponderCertificates responderCertificates(CaServices ca,
                                                @Value("${eimzo.ca.responder-certificate-validity:P7D}") Duration validity,
                                                @Value("${eimzo.ca.tsa-certificate-validity:P90D}") Duration tsaValidity) {
        return new ResponderCertificates(ca.jdbc(), ca.authoritiesDirectory(), ca.issuer(), validity, tsaValidity);
    }

    @Bean
    uz.eimzo.ca.audit.AuditCheckpoints auditCheckpoints(CaServices ca, List<KeyStorage> storages, Clock clock) {
        return new uz.eimzo.ca.audit.AuditCheckpoints(ca.jdbc(), ca.authoritiesDirectory(), new KeyResolver(storages), clock);
    }

    /**
     * Jobs persisted by an earlier run fire as soon as the scheduler starts, before any runner: their collaborators
     * must be in the scheduler context from the start.
     */
    @Bean
    org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer caJobCollaborators(
            CrlIssuer crls, ResponderCertificates responders, uz.eimzo.ca.audit.AuditCheckpoints checkpoints,
            org.springframework.beans.factory.ObjectProvider<uz.eimzo.ca.reminders.ExpiryReminders> reminders,
            org.springframework.beans.factory.ObjectProvider<uz.eimzo.ca.reminders.Mailbox> mailbox) {
        java.util.Map<String, Object> context = new java.util.HashMap<>(java.util.Map.of(CaJobs.CRL_ISSUER, crls,
                CaJobs.RESPONDER_CERTIFICATES, responders, CaJobs.AUDIT_CHECKPOINTS, checkpoints));
        reminders.ifAvailable(r -> context.put(CaJobs.EXPIRY_REMINDERS, r));
        mailbox.ifAvailable(m -> context.put(CaJobs.MAILBOX, m));
        return factory -> factory.setSchedulerContextAsMap(context);
    }

    @Bean
    @Order(20)
    ApplicationRunner registerCaJobs(Scheduler scheduler, CrlIssuer crls, ResponderCertificates responders,
                                     uz.eimzo.ca.audit.AuditCheckpoints checkpoints, RaProperties ra,
                                     org.springframework.beans.factory.ObjectProvider<uz.eimzo.ca.reminders.ExpiryReminders> reminders,
                                     org.springframework.beans.factory.ObjectProvider<uz.eimzo.ca.reminders.Mailbox> mailbox,
                                     uz.eimzo.ra.reminders.ReminderProperties reminderProperties,
                                     @Value("${eimzo.ca.crl-round:PT1M}") Duration crlRound,
                                     @Value("${eimzo.ca.responder-round:PT15S}") Duration responderRound,
                                     @Value("${eimzo.ca.audit-checkpoint-every:PT10M}") Duration checkpointEvery) {
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
