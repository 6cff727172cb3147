package uz.eimzo.ra.cmp;

import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.registration.Actor;
import uz.eimzo.ca.registration.ApplicantForm;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.support.Operators;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/** Submitted individual applications in a centre without four eyes, ready for an enrollment code. */
public final class Applicants {

    private final Registrations registrations;
    private final EnrollmentCodes codes;
    private final Actor registrar;

    public Applicants(Operators operators, Registrations registrations, EnrollmentCodes codes) {
        this.registrations = registrations;
        this.codes = codes;
        this.registrar = operators.operator(operators.centre(false), "p", Actor.Role.REGISTRAR);
    }

    /** A fresh submitted request of a new applicant (surname "Tursunov"). */
    public long submitted(String pinfl) {
        return submitted(pinfl, "akmal@example.uz");
    }

    /** A fresh submitted request of a new applicant with this e-mail address. */
    public long submitted(String pinfl, String email) {
        ApplicantForm form = new ApplicantForm(ApplicantType.INDIVIDUAL, "Tursunov", "Akmal", null, LocalDate.of(1990, 3, 15),
                "M", pinfl, IdentityDocument.Type.PASSPORT, "AB1234567", null, "Toshkent shahri", "Yunusobod tumani",
                "+998901234567", email, null, null, null, null, false, null);
        return registrations.register(registrar, form, UUID.randomUUID(), true).id();
    }

    public EnrollmentCodes.Code code(long requestId) {
        return codes.create(registrar, requestId, Duration.ofHours(1));
    }

    public Actor registrar() {
        return registrar;
    }
}
