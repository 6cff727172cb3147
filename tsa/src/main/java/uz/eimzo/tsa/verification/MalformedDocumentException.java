package uz.eimzo.tsa.verification;

/** The input is not a CMS SignedData we can read, or its parts do not fit together: a client's error (HTTP 400). */
public final class MalformedDocumentException extends Exception {

    public MalformedDocumentException(String message) {
        super(message);
    }
}
