package uz.eimzo.tsa.attachment;

/** The TSA refused to stamp (its clock is not vouched for, no certified key, the ledger is down): try again later. */
public final class StampRefusedException extends Exception {

    public StampRefusedException(String message) {
        super(message);
    }
}
