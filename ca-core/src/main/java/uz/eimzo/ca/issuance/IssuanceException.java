package uz.eimzo.ca.issuance;

import uz.eimzo.ca.refusal.Refusal;

/** An issuance or renewal the CA refuses; nothing was recorded. The message is precise and safe to show. */
public class IssuanceException extends IllegalArgumentException implements Refusal {
    private final String code;

    public IssuanceException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
