package uz.eimzo.ca.certificates;

import java.util.Arrays;

/** CRLReason codes of RFC 5280 5.3.1 (value 7 is unused by the standard). */
public enum RevocationReason {
    UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
    CESSATION_OF_OPERATION(5), CERTIFICATE_HOLD(6), REMOVE_FROM_CRL(8), PRIVILEGE_WITHDRAWN(9), AA_COMPROMISE(10);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RevocationReason of(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No CRL reason " + code));
    }
}
