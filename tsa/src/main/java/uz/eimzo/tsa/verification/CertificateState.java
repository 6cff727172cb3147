package uz.eimzo.tsa.verification;

/** A certificate's status at one moment, as far as this centre can say. */
public enum CertificateState {
    GOOD,
    REVOKED,
    /** certificateHold: suspended, may be restored. */
    SUSPENDED,
    /** Issued by a recognised external CA whose CRL could not be read and checked: its status is unknown here. */
    NOT_CHECKED,
    /** Signed by our CA's key, but our records hold no such certificate: never trust it. */
    NOT_IN_RECORDS
}
