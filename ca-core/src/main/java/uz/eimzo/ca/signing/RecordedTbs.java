package uz.eimzo.ca.signing;

import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.x509.LintedTbs;

/**
 * A linted to-be-signed certificate whose serial and bytes are already recorded: the only input the certificate
 * signature accepts, so nothing unlinted or unrecorded can be signed. Made only by {@link CaSigner#record}, after the
 * caller's recording (the PENDING row, or a root's ceremony audit entry) returned.
 */
public final class RecordedTbs {

    private final LintedTbs linted;
    private final CertificateAuthority ca;

    RecordedTbs(LintedTbs linted, CertificateAuthority ca) {
        this.linted = linted;
        this.ca = ca;
    }

    public LintedTbs linted() {
        return linted;
    }

    /** The issuing CA, or null for a self-signed root. */
    public CertificateAuthority ca() {
        return ca;
    }
}
