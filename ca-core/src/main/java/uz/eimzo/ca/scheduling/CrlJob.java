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
 * Issues the CRLs that are due (scheduled trigger), or a delta CRL for one CA at once (a one-off trigger with
 * {@value CaJobs#CA} in its data, fired after a revocation). Finds its {@link CrlIssuer} in the scheduler context.
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
            List<IssuedCrl> issued = ca == null ? issuer.issueDue(actor) : List.of(issuer.issueDeltaOrFull(ca, actor));
            for (IssuedCrl crl : issued) {
                log.info("Issued {} CRL {} of CA {} with {} entries", crl.delta() ? "delta" : "full", crl.crlNumber(),
                        crl.caName(), crl.entries());
            }
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("CRL issuance failed", e, false);
        }
    }
}
