package uz.eimzo.ca.registration;

import uz.eimzo.ca.x509.PolicyInfo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one rule for what a certificate is for, on the applicant's form and on the registrar's: the purposes are policy
 * OIDs of the applicant type's profile, at least one; null means every purpose of the profile (a client that does not
 * offer the choice). Refusals are field errors, reported together with the form's other field errors.
 */
final class Purposes {

    private Purposes() {
    }

    /** Why these purposes cannot be chosen among {@code offered}, if they cannot. */
    static Optional<FieldError> error(List<PolicyInfo> offered, List<String> chosen) {
        if (chosen == null) {
            return Optional.empty();
        }
        if (chosen.isEmpty()) {
            return Optional.of(new FieldError("purposes", "purposes.required", "Choose what the certificate is for"));
        }
        List<String> oids = offered.stream().map(PolicyInfo::oid).toList();
        return chosen.stream().allMatch(oids::contains) ? Optional.empty()
                : Optional.of(new FieldError("purposes", "purposes.unknown", "The certificate cannot be for this purpose"));
    }

    /** The form checked as {@link ApplicationCheck} does, plus the purposes: every field error at once. */
    static ApplicationCheck.Checked check(ApplicantForm form, List<String> chosen, Registrations registrations,
                                          LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        ApplicationCheck.Checked checked = null;
        try {
            checked = ApplicationCheck.check(form, today);
        } catch (InvalidApplicationException e) {
            errors.addAll(e.errors());
        }
        if (form.type() != null) {
            error(registrations.purposes(form.type()), chosen).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        return checked;
    }

    /** A PostgreSQL array literal of validated OIDs (digits and dots only), or null for every purpose. */
    static String literal(List<String> chosen) {
        return chosen == null ? null : "{" + String.join(",", chosen) + "}";
    }
}
