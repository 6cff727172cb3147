package uz.eimzo.tsa.web;

/** A request whose fields cannot be decoded: answered 400 with problem details. */
final class BadInputException extends RuntimeException {

    BadInputException(String message) {
        super(message);
    }
}
