package uz.eimzo.ca.revocation;

import java.util.Arrays;

/** CRLReason codes of RFC 5280 5.3.1 (value 7 is unused by the standard), with the names the RFC gives them. */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"), KEY_COMPROMISE(1, "keyCompromise"), CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"), SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"), CERTIFICATE_HOLD(6, "certificateHold"),
    REMOVE_FROM_CRL(8, "removeFromCRL"), PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn"), AA_COMPROMISE(10, "aACompromise");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    /** The CRLReason value RFC 5280 assigns (never the position in this list). */
    public int code() {
        return code;
    }

    /** The name in RFC 5280's ASN.1 module, e.g. {@code keyCompromise}. */
    public String rfcName() {
        return rfcName;
    }

    public static RevocationReason of(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No CRL reason " + code));
    }
}
