package uz.eimzo.tsa.verification;

import java.util.Arrays;

/**
 * The input is not a CMS SignedData we can read, or its parts do not fit together: a client's error (HTTP 400).
 * It carries the message key of its text (bundle {@code i18n/tsa-messages}) and the text's arguments, so the answer
 * is in the relying party's language.
 */
public final class MalformedDocumentException extends Exception {

    private final String code;
    private final transient Object[] arguments;

    public MalformedDocumentException(String code, Object... arguments) {
        super(code + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.code = code;
        this.arguments = arguments.clone();
    }

    /** The message key of the text. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
