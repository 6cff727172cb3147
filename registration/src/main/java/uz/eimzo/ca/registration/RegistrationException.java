package uz.eimzo.ca.registration;

import uz.eimzo.ca.refusal.Refusal;

/** A registration step refused: invalid form data, a forbidden transition, or another centre's record. */
public class RegistrationException extends IllegalArgumentException implements Refusal {
    private final String code;

    public RegistrationException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable code (e.g. {@code request.fourEyes}) for message bundles and API clients. */
    public String code() {
        return code;
    }
}
