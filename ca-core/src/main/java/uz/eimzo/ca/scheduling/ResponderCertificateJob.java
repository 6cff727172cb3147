package uz.eimzo.ca.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.responder.ResponderCertificates;

/** Certifies the keys OCSP responders have filed; finds its {@link ResponderCertificates} in the scheduler context. */
@DisallowConcurrentExecution
public final class ResponderCertificateJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ResponderCertificateJob.class);

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            ResponderCertificates certificates = CaJobs.lookup(context, CaJobs.RESPONDER_CERTIFICATES, ResponderCertificates.class);
            for (var outcome : certificates.issuePending("scheduler:" + context.getScheduler().getSchedulerInstanceId())) {
                log.info("Responder {} for CA {}: {} ({})", outcome.responder(), outcome.caName(),
                        outcome.issued() ? "certified" : "refused", outcome.detail());
            }
        } catch (SchedulerException | RuntimeException e) {
            throw new JobExecutionException("Responder certificate issuance failed", e, false);
        }
    }
}
