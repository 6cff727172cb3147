package uz.eimzo.ca.keys;

/** The key store could not be opened or the key could not sign: a fault of the store, not of the request. */
public class KeyUnavailableException extends RuntimeException {
    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public KeyUnavailableException(String message) {
        super(message);
    }
}
