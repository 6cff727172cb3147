package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.x509.LintedTbs;

/**
 * A linted to-be-signed certificate whose serial and bytes are already in the database: the only input
 * {@link CertificateSigner} accepts, so nothing unlinted or unrecorded can be signed.
 */
final class RecordedTbs {

    private final LintedTbs linted;
    private final CertificateAuthority ca;

    private RecordedTbs(LintedTbs linted, CertificateAuthority ca) {
        this.linted = linted;
        this.ca = ca;
    }

    /** Made only by {@link Ledger} after the PENDING row is committed, or for a root after its ceremony audit. */
    static RecordedTbs of(LintedTbs linted, CertificateAuthority ca) {
        return new RecordedTbs(linted, ca);
    }

    LintedTbs linted() {
        return linted;
    }

    /** The issuing CA, or null for a self-signed root. */
    CertificateAuthority ca() {
        return ca;
    }
}
