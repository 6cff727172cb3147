package uz.eimzo.ca.profile;

import uz.eimzo.ca.refusal.Refusal;

/** A request that the profile refuses; the message is precise and safe to show to an operator. */
public class ProfileException extends IllegalArgumentException implements Refusal {
    private final String code;

    public ProfileException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable code (e.g. {@code profile.unknown}) for message bundles and API clients. */
    public String code() {
        return code;
    }
}
