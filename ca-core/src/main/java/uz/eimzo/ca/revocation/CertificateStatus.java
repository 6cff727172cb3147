package uz.eimzo.ca.revocation;

/** Lifecycle of a certificate row: recorded before signing, then good, suspended (hold) or revoked. */
public enum CertificateStatus {
    /** Recorded and linted; signing has not completed. Never served, never returned. */
    PENDING,
    GOOD,
    /** Suspended (certificateHold): may be restored. */
    HOLD,
    REVOKED
}
