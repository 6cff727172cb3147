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
 * answered the status is {@code NOT_CHECKED}, never good. An answer a delegated responder without id-pkix-ocsp-nocheck
 * signed is believed only when that responder's certificate is not revoked per the CA's CRL.
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
            failed.addAll(outcome.failures());
            OcspAnswer answer = outcome.answer();
            if (answer != null) {
                String responder = responder(answer, issuer, reference);
                if (responder != null) {
                    return report(answer, responder, reference).after(failed);
                }
                failed.add(new StatusReport.NotChecked("OCSP", answer.url(), Unchecked.RESPONDER_REVOKED));
            }
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

    /**
     * Who signed the answer, as reported; null when it is not to be believed. A delegated responder without
     * id-pkix-ocsp-nocheck is one "the client SHOULD check ... for revocation" (RFC 6960 4.2.2.2.1): its certificate's
     * status is read from the CA's CRL (never from OCSP, which it may answer itself); revoked or on hold, its answer
     * is not believed; no CRL to read, its answer is believed and the report says the responder was not checked.
     */
    private String responder(OcspAnswer answer, X509Certificate issuer, Instant reference) {
        if (answer.signedBy() != OcspAnswer.Signer.DELEGATE) {
            return answer.signedBy().name();
        }
        return switch (crls.status(answer.delegate(), issuer, reference).now()) {
            case REVOKED, SUSPENDED -> null;
            case GOOD -> "DELEGATE_GOOD";
            default -> "DELEGATE_NOT_CHECKED";
        };
    }

    private static StatusReport report(OcspAnswer answer, String responder, Instant reference) {
        StatusReport.Answered answered = new StatusReport.Answered(answer.url(), answer.thisUpdate(),
                answer.nextUpdate(), answer.nonce().name(), responder);
        return answer.revoked()
                ? StatusReport.external("OCSP", answered, reference, answer.revokedAt(), answer.invalidityDate(),
                answer.reason())
                : StatusReport.external("OCSP", answered, reference, null, null, null);
    }
}
