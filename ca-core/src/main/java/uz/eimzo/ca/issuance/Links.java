package uz.eimzo.ca.issuance;

/** The registration records a certificate belongs to, each null when not applicable. */
public record Links(Long applicantId, Long organisationId, Long requestId) {
    public static final Links NONE = new Links(null, null, null);
}
