package uz.eimzo.ca.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.reminders.ExpiryReminders;
import uz.eimzo.ca.reminders.Mailbox;

/**
 * Sends the expiry reminders that are due. The clustered job store runs each firing on one node; the claim table
 * behind {@link ExpiryReminders} keeps each reminder single even if firings overlap or a node restarts.
 */
@DisallowConcurrentExecution
public final class ExpiryReminderJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ExpiryReminderJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            ExpiryReminders reminders = CaJobs.lookup(context, CaJobs.EXPIRY_REMINDERS, ExpiryReminders.class);
            Mailbox mailbox = CaJobs.lookup(context, CaJobs.MAILBOX, Mailbox.class);
            int sent = reminders.sendDue(mailbox, context.getScheduler().getSchedulerInstanceId());
            if (sent > 0) {
                log.info("Sent {} expiry reminder(s)", sent);
            }
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("Expiry reminders failed", e, false);
        }
    }
}
