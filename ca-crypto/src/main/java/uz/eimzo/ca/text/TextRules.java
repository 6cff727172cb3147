package uz.eimzo.ca.text;

import java.util.Optional;

/**
 * What text typed by people (or sent by programs) may contain. Refused: C0 and C1 control characters (NUL
 * included: PostgreSQL cannot store it), line and paragraph separators, unassigned, private-use and lone
 * surrogate code points, and format characters, among them the bidirectional embeddings, overrides, isolates and
 * marks that make a name read differently from what it is (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C).
 * Lengths count characters (code points), as X.520's upper bounds do.
 */
public final class TextRules {

    /** X.520 upper bounds as RFC 5280 Appendix A lists them, for the attributes our subject names carry. */
    public static final int UB_COMMON_NAME = 64;
    public static final int UB_ORGANIZATION_NAME = 64;
    public static final int UB_TITLE = 64;
    public static final int UB_LOCALITY_NAME = 128;
    public static final int UB_STATE_NAME = 128;
    /** X.520 ub-business-category (the legal form goes there). */
    public static final int UB_BUSINESS_CATEGORY = 128;
    public static final int UB_EMAIL_ADDRESS = 255;

    /** Why a text was refused; the code is the stable key of the field error and of the bundles' text. */
    public enum Violation {
        /** A control, invisible, unassigned or private-use character. */
        CONTROL("text.control"),
        /** A bidirectional embedding, override, isolate or mark. */
        BIDI("text.bidi"),
        /** Longer than the field's upper bound. */
        TOO_LONG("text.tooLong");

        private final String code;

        Violation(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private TextRules() {
    }

    /** A refused text: why, and an English detail naming the character or the bound. */
    public record Finding(Violation violation, String detail) {
        public String code() {
            return violation.code();
        }
    }

    /** The first violation of a one-line text of at most {@code maximum} characters; null is fine (absent). */
    public static Optional<Finding> line(String value, int maximum) {
        return check(value, maximum, false);
    }

    /**
     * The first violation of a text that may span lines (a pasted PEM request, a reason): tab, CR and LF are
     * allowed as well.
     */
    public static Optional<Finding> multiline(String value, int maximum) {
        return check(value, maximum, true);
    }

    private static Optional<Finding> check(String value, int maximum, boolean multiline) {
        if (value == null) {
            return Optional.empty();
        }
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            Violation violation = refused(c, multiline);
            if (violation != null) {
                String kind = violation == Violation.BIDI ? "a bidirectional control character" : "a control or invisible character";
                return Optional.of(new Finding(violation, kind + " (U+" + String.format("%04X", c) + ")"));
            }
            i += Character.charCount(c);
            count++;
        }
        return count > maximum
                ? Optional.of(new Finding(Violation.TOO_LONG, count + " characters, more than the " + maximum + " allowed"))
                : Optional.empty();
    }

    private static Violation refused(int c, boolean multiline) {
        if (multiline && (c == '\t' || c == '\r' || c == '\n')) {
            return null;
        }
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C) {
            return Violation.BIDI;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> Violation.CONTROL;
            default -> null;
        };
    }
}
