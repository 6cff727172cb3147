package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;

/**
 * Why a request gets no token: the RFC 3161 2.4.2 failure bit, always with status rejection. The text goes into
 * the reply's statusString (English, as protocol text; clients show the failure bit).
 */
public enum Refusal {
    BAD_ALG(PKIFailureInfo.badAlg),
    BAD_REQUEST(PKIFailureInfo.badRequest),
    BAD_DATA_FORMAT(PKIFailureInfo.badDataFormat),
    TIME_NOT_AVAILABLE(PKIFailureInfo.timeNotAvailable),
    UNACCEPTED_POLICY(PKIFailureInfo.unacceptedPolicy),
    UNACCEPTED_EXTENSION(PKIFailureInfo.unacceptedExtension),
    SYSTEM_FAILURE(PKIFailureInfo.systemFailure);

    private final int failInfo;

    Refusal(int failInfo) {
        this.failInfo = failInfo;
    }

    /** The PKIFailureInfo bit. */
    public int failInfo() {
        return failInfo;
    }
}
