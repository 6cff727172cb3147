package uz.eimzo.ca.registration;

/** One wrong field of a form: which, a stable code for message bundles, and an English message. */
public record FieldError(String field, String code, String message) {
}
