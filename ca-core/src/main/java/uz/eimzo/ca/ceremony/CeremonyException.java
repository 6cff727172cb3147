package uz.eimzo.ca.ceremony;

/** A ceremony command refused, with the exit code and the one-line message the operator sees. */
public class CeremonyException extends RuntimeException {

    /** The CA's rules refused: unknown CA, name taken, certificate or key mismatch, lint findings. */
    public static final int REFUSED = 1;
    /** The command line is wrong: unknown option, bad algorithm, subject or period, missing secret. */
    public static final int USAGE = 2;
    /** The key store or token could not be opened: wrong password or PIN, missing file, no such key. */
    public static final int KEYS = 3;
    /** The database could not be reached or migrated. */
    public static final int DATABASE = 4;

    private final int exitCode;

    public CeremonyException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CeremonyException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
