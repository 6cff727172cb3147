package uz.eimzo.ca.revocation;


import java.util.Arrays;
import java.util.Locale;

/**
 * Reads the revocation reason a person or a program asked for: an RFC 5280 name ({@code keyCompromise}), its
 * code ({@code 1}, by RFC 5280's numbering, never a position in a list) or our constant ({@code KEY_COMPROMISE}).
 * Value 7 is unused by RFC 5280 and removeFromCRL (8) only lifts a suspension in a delta CRL, so neither is a
 * reason anyone may ask for; {@link Revocations#revoke} refuses the rest that do not fit an end-entity certificate.
 */
public final class RequestedReason {

    /** What callers may send, for refusals and the OpenAPI document. */
    public static final String ACCEPTED = "an RFC 5280 CRLReason name or its code: 0 unspecified, 1 keyCompromise, "
            + "3 affiliationChanged, 4 superseded, 5 cessationOfOperation, 9 privilegeWithdrawn, 10 aACompromise "
            + "(2 cACompromise is for CA certificates only, 6 certificateHold is a suspension, "
            + "7 is unused and 8 removeFromCRL is not a revocation reason)";

    private RequestedReason() {
    }

    /** The reason {@code value} names, or a refusal (code {@code revocation.reason}) naming what is accepted. */
    public static RevocationReason parse(String value) {
        String v = value == null ? "" : value.strip();
        RevocationReason reason;
        if (v.matches("[0-9]{1,3}")) {
            int code = Integer.parseInt(v);
            reason = Arrays.stream(RevocationReason.values()).filter(r -> r.code() == code).findFirst().orElse(null);
        } else {
            reason = Arrays.stream(RevocationReason.values())
                    .filter(r -> r.rfcName().equalsIgnoreCase(v) || r.name().equals(v.toUpperCase(Locale.ROOT)))
                    .findFirst().orElse(null);
        }
        if (reason == null || reason == RevocationReason.REMOVE_FROM_CRL) {
            throw new RevocationException("revocation.reason", "reason " + quoted(v) + " is not accepted; it must be " + ACCEPTED);
        }
        return reason;
    }

    private static String quoted(String v) {
        // The value is echoed back; keep it short and printable.
        String shown = v.codePoints().limit(20).filter(c -> c >= 0x20 && c < 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "\"" + shown + "\"";
    }
}
