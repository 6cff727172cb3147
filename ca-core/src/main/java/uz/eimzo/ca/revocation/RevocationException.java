package uz.eimzo.ca.revocation;

import uz.eimzo.ca.refusal.Refusal;

/** A status change that is not allowed from the certificate's current status; nothing was changed. */
public class RevocationException extends IllegalArgumentException implements Refusal {
    private final String code;

    public RevocationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
