package uz.eimzo.tsa.verification;

import uz.eimzo.ca.x509.OcspAnswer;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of a certificate a recognised external CA issued, from the sources the configured
 * {@link ExternalStatusOrder} allows: its OCSP responder first, its CRL when OCSP gives no usable answer (by default).
 * The report names the source that answered, and every source asked before it that did not, with the reason; when none
 * answered the status is {@code NOT_CHECKED}, never good.
 */
public final class ExternalStatus {

    private final ExternalStatusOrder order;
    private final ExternalOcsp ocsp;
    private final ExternalCrls crls;

    public ExternalStatus(ExternalStatusOrder order, ExternalOcsp ocsp, ExternalCrls crls) {
        this.order = order;
        this.ocsp = ocsp;
        this.crls = crls;
    }

    /** The certificate's status at {@code reference} and now; {@code issuer} is the CA certificate that signed it. */
    StatusReport status(X509Certificate certificate, X509Certificate issuer, Instant reference) {
        List<StatusReport.NotChecked> failed = new ArrayList<>();
        if (order != ExternalStatusOrder.CRL_ONLY) {
            ExternalOcsp.Outcome outcome = ocsp.ask(certificate, issuer);
            if (outcome.answer() != null) {
                return report(outcome.answer(), reference).after(outcome.failures());
            }
            failed.addAll(outcome.failures());
        }
        if (order != ExternalStatusOrder.OCSP_ONLY) {
            StatusReport crl = crls.status(certificate, issuer, reference);
            if (!crl.source().equals("NOT_CHECKED")) {
                return crl.after(failed);
            }
            failed.addAll(crl.unanswered());
        }
        if (failed.isEmpty()) {
            failed.add(new StatusReport.NotChecked("NONE", null, Unchecked.NO_STATUS_SOURCE));
        }
        return StatusReport.notChecked(failed);
    }

    private static StatusReport report(OcspAnswer answer, Instant reference) {
        StatusReport.Answered answered = new StatusReport.Answered(answer.url(), answer.thisUpdate(),
                answer.nextUpdate(), answer.nonce().name());
        return answer.revoked()
                ? StatusReport.external("OCSP", answered, reference, answer.revokedAt(), answer.invalidityDate(),
                answer.reason())
                : StatusReport.external("OCSP", answered, reference, null, null, null);
    }
}
