package uz.eimzo.ra.cmp;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.time.Duration;
import java.util.Set;

/**
 * Runs {@link OverdueConfirmations} on the clustered Quartz scheduler, one node per firing, like the CA's other jobs.
 */
@DisallowConcurrentExecution
public final class OverdueConfirmationJob implements Job {

    /** Scheduler-context key of the {@link OverdueConfirmations}. */
    static final String CONTEXT_KEY = "eimzo.cmpOverdueConfirmations";
    static final JobKey KEY = JobKey.jobKey("cmp-overdue-confirmations", "eimzo-ca");

    /** Puts the collaborator in this node's scheduler context and (re)defines the job and its trigger. */
    static void register(Scheduler scheduler, OverdueConfirmations overdue, Duration every) throws SchedulerException {
        scheduler.getContext().put(CONTEXT_KEY, overdue);
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(KEY.getName(), KEY.getGroup()))
                .forJob(KEY).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(JobBuilder.newJob(OverdueConfirmationJob.class).withIdentity(KEY).storeDurably().build(),
                Set.of(trigger), true);
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            if (!(context.getScheduler().getContext().get(CONTEXT_KEY) instanceof OverdueConfirmations overdue)) {
                // A persisted trigger fired before this node registered; the next firing finds it.
                return;
            }
            overdue.revokeOverdue();
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("Revoking unconfirmed CMP certificates failed", e, false);
        }
    }
}
