package uz.eimzo.ca.x509;

import uz.eimzo.ca.refusal.Refusal;

/** Input that is not what it claims to be (a CSR, a certificate, a name); the message is safe to show. */
public class MalformedInputException extends IllegalArgumentException implements Refusal {
    private final String code;

    public MalformedInputException(String code, String message) {
        super(message);
        this.code = code;
    }

    public MalformedInputException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable code (e.g. {@code csr.signature}) for message bundles and API clients. */
    public String code() {
        return code;
    }
}
