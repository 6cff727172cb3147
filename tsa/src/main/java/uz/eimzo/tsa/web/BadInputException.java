package uz.eimzo.tsa.web;

import java.util.Arrays;

/** A request whose fields cannot be decoded: answered 400 with problem details, the text by its message key. */
final class BadInputException extends RuntimeException {

    private final String code;
    private final transient Object[] arguments;

    BadInputException(String code, Object... arguments) {
        super(code + (arguments.length == 0 ? "" : " " + Arrays.toString(arguments)));
        this.code = code;
        this.arguments = arguments.clone();
    }

    String code() {
        return code;
    }

    Object[] arguments() {
        return arguments.clone();
    }
}
