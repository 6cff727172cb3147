package uz.eimzo.ra.api;

/**
 * A field of an API call missing or malformed: answered 400 with problem details naming the field, never a 409 or a
 * 500. {@code code} is {@code api.body.required} (missing) or {@code api.body.value} (present but unusable).
 */
class ApiFieldException extends RuntimeException {

    private final String field;
    private final String code;

    ApiFieldException(String field, String code, String message) {
        super(message);
        this.field = field;
        this.code = code;
    }

    static ApiFieldException missing(String field) {
        return new ApiFieldException(field, "api.body.required", field + " is required");
    }

    /** Refuses a value that is absent or blank. */
    static <T> T required(T value, String field) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    String field() {
        return field;
    }

    String code() {
        return code;
    }
}
