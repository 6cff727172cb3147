package uz.eimzo.ra.api;

import java.math.BigInteger;

/**
 * Serial numbers in the API: always hexadecimal strings (a 128-bit JSON number is rounded by JavaScript clients),
 * lower case without leading zeros as the pages and self-service print them. Accepted in either case, with or without
 * {@code 0x}, colons or leading zeros (as openssl prints them).
 */
final class Serials {

    private Serials() {
    }

    static String hex(BigInteger serial) {
        return serial == null ? null : serial.toString(16);
    }

    /** The serial a path or body names; a 400 naming {@code field} when it is not hexadecimal. */
    static String normalised(String text, String field) {
        ApiFieldException.required(text, field);
        String digits = text.strip().replaceFirst("^(?i)0x", "").replace(":", "");
        if (!digits.matches("[0-9a-fA-F]{1,64}")) {
            throw new ApiFieldException(field, "api.body.value", field + " must be a hexadecimal serial number");
        }
        return new BigInteger(digits, 16).toString(16);
    }
}
