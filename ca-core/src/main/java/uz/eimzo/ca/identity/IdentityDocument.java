package uz.eimzo.ca.identity;

import java.util.Locale;

/** A passport or ID card: two Latin capital letters and seven digits (e.g. AA1234567). */
public record IdentityDocument(Type type, String number) {

    /** The two kinds of identity document a service centre accepts. */
    public enum Type { PASSPORT, ID_CARD }

    public IdentityDocument {
        if (type == null) {
            throw new InvalidIdentityException("document.type", "Document type is required");
        }
        number = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
        if (!number.matches("[A-Z]{2}[0-9]{7}")) {
            throw new InvalidIdentityException("document.format",
                    "Document number must be two Latin letters and seven digits");
        }
    }

    /** Series and last two digits only: full passport numbers never go to logs or lists. */
    public String masked() {
        return number.substring(0, 2) + "*****" + number.substring(7);
    }

    @Override
    public String toString() {
        return type + " " + masked();
    }
}
