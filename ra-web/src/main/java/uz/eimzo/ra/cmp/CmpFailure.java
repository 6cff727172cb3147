package uz.eimzo.ra.cmp;

/** A refusal that becomes a CMP {@code error} message with PKIFailureInfo bits (RFC 4210 5.2.3). */
final class CmpFailure extends RuntimeException {

    private final int failInfo;

    /** @param failInfo a {@code org.bouncycastle.asn1.cmp.PKIFailureInfo} bit constant */
    CmpFailure(int failInfo, String message) {
        super(message);
        this.failInfo = failInfo;
    }

    int failInfo() {
        return failInfo;
    }
}
