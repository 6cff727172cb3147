package uz.eimzo.tsa.verification;

/**
 * What a relying party should conclude about one signer, worst first: a document's verdict is its worst signer's.
 * Only {@link #VALID} and {@link #REVOKED_AFTER_SIGNING} (valid when it was made, proven by a time-stamp token) mean
 * the signature holds; {@link #VALID_STATUS_NOT_CHECKED} holds as far as this service can tell.
 */
public enum Verdict {
    SIGNATURE_INVALID("the signature does not verify: the signed attributes or the signature were altered"),
    CONTENT_MISMATCH("the signature does not cover this content: the content was altered or is another document"),
    UNKNOWN_CHAIN("the signer's certificate does not chain to a CA of this centre or a recognised CA"),
    NOT_IN_RECORDS("the certificate was signed by our CA's key but is not in our records: do not trust it"),
    TIME_STAMP_INVALID("the time-stamp token does not verify, so it proves no signing time"),
    CERTIFICATE_EXPIRED("a certificate in the chain was not valid at signing time (expired or not yet valid)"),
    REVOKED_BEFORE_SIGNING("the certificate was revoked before the signing time"),
    SUSPENDED_AT_SIGNING("the certificate was suspended at the signing time"),
    REVOKED_SIGNING_TIME_UNPROVEN("the certificate is revoked and no time-stamp token proves the signature is older"),
    REVOKED_AFTER_SIGNING("the certificate was revoked after the signing time: the signature was valid when made"),
    VALID_STATUS_NOT_CHECKED("signature and chain verify; the certificate's status was not checked (external CA whose OCSP responder and CRL could not be used)"),
    VALID("the signature verifies, the chain ends in a recognised CA, and the certificate was good at signing time");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    /** The English text, for logs and the {@code problem} fields; answers use {@code tsa.verdict.<name>} instead. */
    public String text() {
        return text;
    }

    /** Whether a relying party may rely on the signature having been valid when it was made. */
    public boolean holds() {
        return this == VALID || this == REVOKED_AFTER_SIGNING || this == VALID_STATUS_NOT_CHECKED;
    }

    static Verdict worst(Verdict a, Verdict b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
