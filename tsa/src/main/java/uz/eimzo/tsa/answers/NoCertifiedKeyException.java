package uz.eimzo.tsa.answers;

/** The TSA has no certified key at hand (not yet certified, or expired): a signed answer cannot be given now. */
public final class NoCertifiedKeyException extends Exception {

    public NoCertifiedKeyException() {
        super("no certified key to sign the answer with");
    }
}
