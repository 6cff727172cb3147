package uz.eimzo.ca.profile;

import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.identity.Stir;

import java.util.Locale;

/**
 * The person (and, for businesses, the organisation) a certificate is issued to, as the RA verified them.
 *
 * @param personalStir the person's own STIR (UID), or null; required for a sole proprietor
 * @param organisation the organisation for legal entities, state bodies and NGOs, else null
 * @param position     the person's position in the organisation (T), or null
 */
public record Subject(
        String surname,
        String givenName,
        String patronymic,
        Pinfl pinfl,
        Stir personalStir,
        String region,
        String district,
        Organisation organisation,
        String position) {

    /** An organisation on whose behalf the person signs. */
    public record Organisation(Stir stir, String name, String legalForm) {
        public Organisation {
            require(stir, "organisation.stir", "Organisation STIR is required");
            name = text(name, "organisation.name", "Organisation name is required");
            legalForm = text(legalForm, "organisation.legalForm", "Legal form is required");
        }
    }

    public Subject {
        surname = latin(text(surname, "subject.surname", "Surname is required"), "subject.surname");
        givenName = latin(text(givenName, "subject.givenName", "Given name is required"), "subject.givenName");
        patronymic = patronymic == null || patronymic.isBlank() ? null : latin(patronymic.strip(), "subject.patronymic");
        require(pinfl, "subject.pinfl", "PINFL is required");
        region = blankToNull(region);
        district = blankToNull(district);
        position = blankToNull(position);
    }

    /** CN as E-IMZO writes it: surname, given name and patronymic in capitals. */
    public String commonName() {
        String cn = surname + " " + givenName + (patronymic == null ? "" : " " + patronymic);
        return cn.toUpperCase(Locale.ROOT);
    }

    static void require(Object value, String code, String message) {
        if (value == null) {
            throw new ProfileException(code, message);
        }
    }

    static String text(String value, String code, String message) {
        if (value == null || value.isBlank()) {
            throw new ProfileException(code, message);
        }
        return value.strip();
    }

    private static String latin(String value, String code) {
        // Uzbek Latin script: letters, the modifier apostrophes of o' and g', hyphens and spaces.
        if (!value.matches("[A-Za-z'ʻʼ‘’ -]{1,64}")) {
            throw new ProfileException(code, "Names must be written in Latin script");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
