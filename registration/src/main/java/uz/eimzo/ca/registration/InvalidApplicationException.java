package uz.eimzo.ca.registration;

import java.util.List;

/** The form has errors; all of them are listed so the operator fixes them in one pass. Nothing was written. */
public class InvalidApplicationException extends IllegalArgumentException {
    private final List<FieldError> errors;

    public InvalidApplicationException(List<FieldError> errors) {
        super("Invalid application: " + errors.stream().map(e -> e.field() + ": " + e.message()).toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
