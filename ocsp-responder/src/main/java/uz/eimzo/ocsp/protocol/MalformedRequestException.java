package uz.eimzo.ocsp.protocol;

/** The request cannot be understood: answered with OCSP status malformedRequest. */
public class MalformedRequestException extends RuntimeException {

    public MalformedRequestException(String message) {
        super(message);
    }

    public MalformedRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
