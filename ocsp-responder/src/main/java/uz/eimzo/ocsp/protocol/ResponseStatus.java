package uz.eimzo.ocsp.protocol;

/** OCSPResponseStatus values other than successful (RFC 6960 4.2.1). */
public enum ResponseStatus {
    MALFORMED_REQUEST(1), INTERNAL_ERROR(2), TRY_LATER(3), UNAUTHORIZED(6);

    private final int code;

    ResponseStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
