package uz.eimzo.ca.authority;

import uz.eimzo.ca.refusal.Refusal;

/** A CA operation refused: unknown CA, a key that does not match its certificate, a name taken. */
public class AuthorityException extends IllegalArgumentException implements Refusal {
    private final String code;

    public AuthorityException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
