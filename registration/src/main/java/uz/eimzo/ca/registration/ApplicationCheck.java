package uz.eimzo.ca.registration;

import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.identity.InvalidIdentityException;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.identity.Stir;
import uz.eimzo.ca.profile.ApplicantType;
import uz.eimzo.ca.profile.ProfileException;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.text.TextRules;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Checks a registration form field by field, the way a careful operator would, and collects every error. */
public final class ApplicationCheck {

    /** E-IMZO is issued to adults. */
    static final int MINIMUM_AGE = 18;

    private ApplicationCheck() {
    }

    /** The checked application: the certificate subject plus what the RA keeps beside it. */
    public record Checked(ApplicantType type, Subject subject, LocalDate birthDate, char sex, IdentityDocument document,
                          String phone, String email, boolean representative, String powerOfAttorney,
                          List<String> warnings) {
    }

    public static Checked check(ApplicantForm f, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (f.type() == null) {
            errors.add(new FieldError("type", "type.required", "Choose the applicant type"));
            throw new InvalidApplicationException(errors);
        }
        // Unprintable or over-long text is reported alone: the format checks below would only restate it.
        errors.addAll(textErrors(f));
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        // Names are certified in Latin script: one typed in Cyrillic, or with a Cyrillic look-alike among Latin letters,
        // is told so with every other error, instead of only once the rest of the form is right.
        script(errors, "surname", f.surname());
        script(errors, "givenName", f.givenName());
        script(errors, "patronymic", f.patronymic());
        Pinfl pinfl = field(errors, "pinfl", () -> new Pinfl(trim(f.pinfl())));
        // Birth date and sex are written in the PINFL (a public rule): left blank, they are taken from it; given, they
        // must agree with it.
        LocalDate birthDate = f.birthDate() == null && pinfl != null ? pinfl.birthDate() : f.birthDate();
        if (birthDate == null) {
            errors.add(new FieldError("birthDate", "birthDate.required", "Date of birth is required"));
        } else if (Period.between(birthDate, today).getYears() < MINIMUM_AGE) {
            errors.add(new FieldError("birthDate", "birthDate.minor", "The applicant must be at least 18 years old"));
        }
        char sex = f.sex() == null || f.sex().isBlank() ? (pinfl == null ? '?' : pinfl.sex())
                : Character.toUpperCase(f.sex().strip().charAt(0));
        if (sex != 'M' && sex != 'F') {
            errors.add(new FieldError("sex", "sex.required", "Sex is required"));
        }
        if (pinfl != null && birthDate != null && (sex == 'M' || sex == 'F')) {
            field(errors, "pinfl", () -> {
                pinfl.requireConsistentWith(birthDate, sex);
                return pinfl;
            });
        }
        IdentityDocument document = field(errors, "documentNumber",
                () -> new IdentityDocument(f.documentType(), f.documentNumber()));
        Stir personalStir = blank(f.personalStir()) ? null : field(errors, "personalStir", () -> new Stir(trim(f.personalStir())));
        if (f.type() == ApplicantType.SOLE_PROPRIETOR && blank(f.personalStir())) {
            errors.add(new FieldError("personalStir", "personalStir.required", "A sole proprietor's STIR is required"));
        }
        String phone = trim(f.phone()).replace(" ", "").replace("-", "");
        if (!phone.matches("\\+998[0-9]{9}")) {
            errors.add(new FieldError("phone", "phone.format", "Phone must be +998 followed by 9 digits"));
        }
        String email = trim(f.email());
        if (!email.isEmpty() && !email.matches("[^@\\s]{1,64}@[^@\\s]+\\.[A-Za-z]{2,}")) {
            errors.add(new FieldError("email", "email.format", "E-mail address is malformed"));
        }
        Subject.Organisation organisation = null;
        if (f.type().organisation()) {
            Stir stir = field(errors, "organisationStir", () -> new Stir(trim(f.organisationStir())));
            if (stir != null && !stir.looksLikeLegalEntity()) {
                warnings.add("The organisation STIR does not start with 2 or 3, as legal entities' usually do");
            }
            if (blank(f.organisationName())) {
                errors.add(new FieldError("organisationName", "organisationName.required", "Organisation name is required"));
            }
            if (blank(f.legalForm())) {
                errors.add(new FieldError("legalForm", "legalForm.required", "Legal form is required"));
            }
            if (blank(f.position())) {
                errors.add(new FieldError("position", "position.required", "The applicant's position is required"));
            }
            if (f.representative() && blank(f.powerOfAttorney())) {
                errors.add(new FieldError("powerOfAttorney", "powerOfAttorney.required",
                        "A representative needs a power of attorney (number and date)"));
            }
            if (stir != null && !blank(f.organisationName()) && !blank(f.legalForm())) {
                organisation = field(errors, "organisationName",
                        () -> new Subject.Organisation(stir, f.organisationName(), f.legalForm()));
            }
        }
        Subject subject = null;
        if (errors.isEmpty()) {
            Subject.Organisation org = organisation;
            subject = field(errors, "surname", () -> new Subject(f.surname(), f.givenName(), f.patronymic(), pinfl,
                    personalStir, f.region(), f.district(), org, f.type().organisation() ? f.position() : null));
        }
        if (subject != null && subject.commonName().codePointCount(0, subject.commonName().length()) > TextRules.UB_COMMON_NAME) {
            errors.add(new FieldError("surname", "subject.commonName",
                    "Surname, given name and patronymic together exceed the " + TextRules.UB_COMMON_NAME + " characters of a CN"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        return new Checked(f.type(), subject, birthDate, sex, document, phone, email.isEmpty() ? null : email,
                f.type().organisation() && f.representative(), blank(f.powerOfAttorney()) ? null : f.powerOfAttorney().strip(),
                warnings);
    }

    /**
     * Every text field against {@link TextRules}, with the X.520 upper bound of the attribute it becomes
     * (RFC 5280 Appendix A); fields checked for a format later get a loose bound so their own message shows.
     */
    private static List<FieldError> textErrors(ApplicantForm f) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "surname", f.surname(), TextRules.UB_COMMON_NAME);
        text(errors, "givenName", f.givenName(), TextRules.UB_COMMON_NAME);
        text(errors, "patronymic", f.patronymic(), TextRules.UB_COMMON_NAME);
        text(errors, "sex", f.sex(), FORMAT_CHECKED);
        text(errors, "pinfl", f.pinfl(), FORMAT_CHECKED);
        text(errors, "documentNumber", f.documentNumber(), FORMAT_CHECKED);
        text(errors, "personalStir", f.personalStir(), FORMAT_CHECKED);
        text(errors, "region", f.region(), TextRules.UB_STATE_NAME);
        text(errors, "district", f.district(), TextRules.UB_LOCALITY_NAME);
        text(errors, "phone", f.phone(), FORMAT_CHECKED);
        text(errors, "email", f.email(), TextRules.UB_EMAIL_ADDRESS);
        text(errors, "organisationStir", f.organisationStir(), FORMAT_CHECKED);
        text(errors, "organisationName", f.organisationName(), TextRules.UB_ORGANIZATION_NAME);
        text(errors, "legalForm", f.legalForm(), TextRules.UB_BUSINESS_CATEGORY);
        text(errors, "position", f.position(), TextRules.UB_TITLE);
        text(errors, "powerOfAttorney", f.powerOfAttorney(), POWER_OF_ATTORNEY);
        return errors;
    }

    /** Fields whose format check (PINFL, STIR, phone...) refuses a wrong length with a more precise message. */
    private static final int FORMAT_CHECKED = 64;
    /** The power of attorney's number and date: kept beside the request, not certified. */
    private static final int POWER_OF_ATTORNEY = 128;

    private static void text(List<FieldError> errors, String field, String value, int maximum) {
        // Surrounding spaces are trimmed later, so they do not count against the bound.
        TextRules.line(value == null ? null : value.strip(), maximum)
                .ifPresent(finding -> errors.add(new FieldError(field, finding.code(), field + ": " + finding.detail())));
    }

    /**
     * A name with Cyrillic letters: {@code subject.<field>.cyrillic} when it has no Latin letter (typed with the
     * Cyrillic keyboard), {@code subject.<field>.mixedScript} when Cyrillic look-alikes (а, о, с, е...) hide among Latin
     * ones. Other characters are left to the Latin-script rule of the subject.
     */
    private static void script(List<FieldError> errors, String field, String value) {
        if (value == null || value.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC)) {
            return;
        }
        boolean latin = value.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
        errors.add(latin
                ? new FieldError(field, "subject." + field + ".mixedScript", field + " has Cyrillic letters among Latin ones")
                : new FieldError(field, "subject." + field + ".cyrillic", field + " is in Cyrillic; type it in Latin script"));
    }

    private static <T> T field(List<FieldError> errors, String name, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidIdentityException e) {
            errors.add(new FieldError(name, e.code(), e.getMessage()));
        } catch (ProfileException e) {
            String field = e.code().startsWith("subject.") ? e.code().substring("subject.".length()) : name;
            errors.add(new FieldError(field, e.code(), e.getMessage()));
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
