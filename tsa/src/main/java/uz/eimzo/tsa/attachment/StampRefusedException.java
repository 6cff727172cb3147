package uz.eimzo.tsa.attachment;

import uz.eimzo.tsa.encoding.Refusal;

/** The TSA refused to stamp (its clock is not vouched for, no certified key, the ledger is down): try again later. */
public final class StampRefusedException extends Exception {

    private final Refusal refusal;

    /** @param statusString the refusal's protocol text, for the log */
    public StampRefusedException(Refusal refusal, String statusString) {
        super(refusal + ": " + statusString);
        this.refusal = refusal;
    }

    /** Why: its text is message key {@code tsa.refused.<name>}. */
    public Refusal refusal() {
        return refusal;
    }
}
