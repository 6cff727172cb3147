package uz.eimzo.ca.identity;

import uz.eimzo.ca.refusal.Refusal;

/** An identifier that fails its format or check digit; the message says which rule and is safe to show. */
public class InvalidIdentityException extends IllegalArgumentException implements Refusal {
    private final String code;

    public InvalidIdentityException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable code (e.g. {@code pinfl.checkDigit}) for message bundles and API clients. */
    public String code() {
        return code;
    }
}
