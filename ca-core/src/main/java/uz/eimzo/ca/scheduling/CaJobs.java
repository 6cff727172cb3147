package uz.eimzo.ca.scheduling;

import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.reminders.Mailbox;
import uz.eimzo.ca.responder.ResponderCertificates;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * Registers the CA's recurring jobs with a (clustered, JDBC) Quartz scheduler. Every CA node may call
 * {@link #register} at startup: jobs and triggers are replaced, not duplicated, and the job store runs each firing
 * on one node only.
 */
public final class CaJobs {

    /** Scheduler-context key of the {@link CrlIssuer}. */
    public static final String CRL_ISSUER = "eimzo.crlIssuer";
    /** Scheduler-context key of the {@link ResponderCertificates}. */
    public static final String RESPONDER_CERTIFICATES = "eimzo.responderCertificates";
    /** Scheduler-context key of the {@link uz.eimzo.ca.checkpoints.AuditCheckpoints}. */
    public static final String AUDIT_CHECKPOINTS = "eimzo.auditCheckpoints";
    /** Scheduler-context key of the {@link uz.eimzo.ca.reminders.ExpiryReminders}. */
    public static final String EXPIRY_REMINDERS = "eimzo.expiryReminders";
    /** Scheduler-context key of the {@link uz.eimzo.ca.reminders.Mailbox} reminders go through. */
    public static final String MAILBOX = "eimzo.mailbox";
    /** Job-data key: issue a delta CRL for this CA now. */
    public static final String CA = "ca";
    /** Job-data key: with {@link #DUE}, the CRL job issues the CA's due CRLs instead of a delta CRL. */
    public static final String MODE = "mode";
    /** Value of {@link #MODE}: the CA's due CRLs (a full CRL deferred after revocations). */
    public static final String DUE = "due";

    public static final JobKey CRL = JobKey.jobKey("crl", "eimzo-ca");
    public static final JobKey RESPONDER = JobKey.jobKey("responder-certificates", "eimzo-ca");
    public static final JobKey REMINDERS = JobKey.jobKey("expiry-reminders", "eimzo-ca");

    private CaJobs() {
    }

    /**
     * Puts the collaborators in this node's scheduler context and (re)defines the jobs.
     *
     * @param crlRound       how often to look for due CRLs (they are issued per {@code CrlSchedule})
     * @param responderRound how often to certify pending responder keys
     */
    public static void register(Scheduler scheduler, CrlIssuer crls, ResponderCertificates responders,
                                Duration crlRound, Duration responderRound) throws SchedulerException {
        scheduler.getContext().putAll(Map.of(CRL_ISSUER, crls, RESPONDER_CERTIFICATES, responders));
        schedule(scheduler, JobBuilder.newJob(CrlJob.class).withIdentity(CRL).storeDurably().build(), crlRound);
        schedule(scheduler, JobBuilder.newJob(ResponderCertificateJob.class).withIdentity(RESPONDER).storeDurably().build(),
                responderRound);
    }

    /** Signs an audit checkpoint with {@code caName}'s key every {@code every}, on one node of the cluster. */
    public static void registerAuditCheckpoints(Scheduler scheduler, AuditCheckpoints checkpoints,
                                                String caName, Duration every) throws SchedulerException {
        scheduler.getContext().put(AUDIT_CHECKPOINTS, checkpoints);
        schedule(scheduler, JobBuilder.newJob(AuditCheckpointJob.class).withIdentity(AUDIT_CHECKPOINT).storeDurably()
                .usingJobData(CA, caName).build(), every);
    }

    public static final JobKey AUDIT_CHECKPOINT = JobKey.jobKey("audit-checkpoint", "eimzo-ca");

    /**
     * Puts the reminder service and mailbox in this node's scheduler context and (re)defines the reminder job.
     *
     * @param every how often to look for due reminders (each goes once, whatever the frequency)
     */
    public static void registerReminders(Scheduler scheduler, ExpiryReminders reminders,
                                         Mailbox mailbox, Duration every) throws SchedulerException {
        scheduler.getContext().putAll(Map.of(EXPIRY_REMINDERS, reminders, MAILBOX, mailbox));
        schedule(scheduler, JobBuilder.newJob(ExpiryReminderJob.class).withIdentity(REMINDERS).storeDurably().build(), every);
    }

    /**
     * Fires a delta CRL for one CA once (a full CRL when one is due), on whichever node takes it, and the full CRL the
     * change makes due later: call after a revocation, suspension or restore.
     */
    public static void issueDeltaNow(Scheduler scheduler, String caName) throws SchedulerException {
        scheduler.triggerJob(CRL, new JobDataMap(Map.of(CA, caName)));
    }

    /**
     * Runs the CA's due CRLs at {@code at}, on whichever node takes it (a node that dies leaves the trigger to the
     * others). All status changes waiting for the same full CRL name the same time, so a burst schedules it once.
     *
     * @return false when that run was already scheduled
     */
    public static boolean scheduleFullCrl(Scheduler scheduler, String caName, Instant at) throws SchedulerException {
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey("full-crl:" + caName + ":" + at.getEpochSecond(), "eimzo-ca"))
                .forJob(CRL).usingJobData(CA, caName).usingJobData(MODE, DUE)
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(trigger);
            return true;
        } catch (ObjectAlreadyExistsException alreadyScheduled) {
            return false;
        }
    }

    private static void schedule(Scheduler scheduler, JobDetail job, Duration every) throws SchedulerException {
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(job.getKey().getName(), "eimzo-ca"))
                .forJob(job).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }

    static <T> T lookup(JobExecutionContext context, String key, Class<T> type) throws SchedulerException {
        Object value = context.getScheduler().getContext().get(key);
        if (!type.isInstance(value)) {
            throw new SchedulerException("Scheduler context has no " + type.getSimpleName() + " under " + key
                    + "; call CaJobs.register on this node");
        }
        return type.cast(value);
    }
}
