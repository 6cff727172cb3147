package uz.eimzo.tsa.encoding;

/** A request the TSA will not stamp, and why. */
public final class RefusedRequestException extends Exception {

    private final Refusal refusal;

    public RefusedRequestException(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
