package uz.eimzo.ca.issuance;

/**
 * The registration rows a certificate belongs to (applicant, organisation, request), stored with it; each null
 * when not applicable, e.g. for a service certificate or a test issued without a request.
 */
public record RegistrationIds(Long applicantId, Long organisationId, Long requestId) {
    public static final RegistrationIds NONE = new RegistrationIds(null, null, null);
}
