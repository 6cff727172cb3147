package uz.eimzo.tsa.verification;

/** Which sources tell an external CA's certificate status, in which order (setting {@code external-status}). */
public enum ExternalStatusOrder {
    /** The OCSP responder the certificate names; its CRL when OCSP gives no usable answer (the default). */
    OCSP_THEN_CRL,
    /** Only the CRL, as before OCSP was asked. */
    CRL_ONLY,
    /** Only the OCSP responder: without a usable answer the status is not checked. */
    OCSP_ONLY
}
