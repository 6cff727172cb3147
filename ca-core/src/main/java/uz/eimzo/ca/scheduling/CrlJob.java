package uz.eimzo.ca.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.IssuedCrl;

import java.util.List;

/**
 * Issues the CRLs that are due (scheduled trigger); or, with {@value CaJobs#CA} in its data, a delta CRL for one CA at
 * once (fired after a status change; it also schedules the full CRL those changes make due), or that CA's due CRLs
 * (with {@value CaJobs#MODE} {@value CaJobs#DUE}). Finds its {@link CrlIssuer} in the scheduler context. Never runs
 * twice at once in the cluster, so each decision reads what the previous run stored.
 */
@DisallowConcurrentExecution
public final class CrlJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(CrlJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            CrlIssuer issuer = CaJobs.lookup(context, CaJobs.CRL_ISSUER, CrlIssuer.class);
            String actor = "scheduler:" + context.getScheduler().getSchedulerInstanceId();
            String ca = context.getMergedJobDataMap().getString(CaJobs.CA);
            List<IssuedCrl> issued;
            if (ca == null) {
                issued = issuer.issueDue(actor);
            } else if (CaJobs.DUE.equals(context.getMergedJobDataMap().getString(CaJobs.MODE))) {
                issued = issuer.issueDue(ca, actor).stream().toList();
            } else {
                CrlIssuer.AfterChange after = issuer.issueAfterChange(ca, actor);
                issued = List.of(after.issued());
                if (after.fullDue() != null && CaJobs.scheduleFullCrl(context.getScheduler(), ca, after.fullDue())) {
                    log.info("Full CRL of CA {} due at {} for the status changes since the last one", ca, after.fullDue());
                }
            }
            for (IssuedCrl crl : issued) {
                log.info("Issued {} CRL {} of CA {} with {} entries", crl.delta() ? "delta" : "full", crl.crlNumber(),
                        crl.caName(), crl.entries());
            }
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("CRL issuance failed", e, false);
        }
    }
}
