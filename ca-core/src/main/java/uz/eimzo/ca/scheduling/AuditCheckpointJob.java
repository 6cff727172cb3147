package uz.eimzo.ca.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.checkpoints.AuditCheckpoints;

/** Signs the head of the audit chain (see {@link AuditCheckpoints}) with the CA named in the job data. */
@DisallowConcurrentExecution
public final class AuditCheckpointJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            AuditCheckpoints checkpoints = CaJobs.lookup(context, CaJobs.AUDIT_CHECKPOINTS, AuditCheckpoints.class);
            String ca = context.getMergedJobDataMap().getString(CaJobs.CA);
            checkpoints.checkpoint(ca).ifPresent(id -> log.info("Audit checkpoint {} signed by CA {}", id, ca));
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("Audit checkpoint failed", e, false);
        }
    }
}
