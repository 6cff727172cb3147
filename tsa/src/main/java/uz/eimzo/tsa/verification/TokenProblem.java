package uz.eimzo.tsa.verification;

/**
 * Why a signer's time-stamp token does not prove its signing time. Each has an English text here (for logs and the
 * E-IMZO-compatible answers) and one per language in the bundles (keys {@code tsa.timeStamp.problem.<name>}), where
 * {@code {0}} stands for the detail the check found, if any.
 */
public enum TokenProblem {
    NOT_A_TOKEN("the unsigned attribute is not a time-stamp token"),
    IMPRINT_ALGORITHM_NOT_ACCEPTED("the token's imprint hash {0} is not accepted"),
    OTHER_SIGNATURE("the token stamps another signature: its imprint is not the hash of this signature"),
    NO_TSA_CERTIFICATE("the token does not carry its TSA certificate"),
    SIGNATURE_INVALID("the token's signature or TSA certificate does not verify: {0}"),
    UNKNOWN_CHAIN("the TSA certificate does not chain to a CA of this centre or a recognised CA"),
    CHAIN_NOT_VALID_AT_TIME("a certificate of the TSA's chain was not valid at the token's time"),
    TSA_CERTIFICATE_NOT_GOOD("the TSA certificate was {0} at the token's time");

    private final String english;

    TokenProblem(String english) {
        this.english = english;
    }

    /** A problem found, with its detail (an algorithm, a state, a library's message) or null. */
    public record Found(TokenProblem code, String detail) {

        /** In English. */
        public String text() {
            return in(code.english);
        }

        /** The detail put into a text of this problem in any language. */
        public String in(String pattern) {
            return pattern.replace("{0}", detail == null ? "" : detail);
        }
    }

    Found with(Object detail) {
        return new Found(this, detail == null ? null : detail.toString());
    }

    Found found() {
        return new Found(this, null);
    }
}
