package uz.eimzo.tsa.verification;

import org.bouncycastle.tsp.TimeStampToken;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A signer's time-stamp token (unsigned attribute id-aa-signatureTimeStampToken) and what checking it found.
 *
 * @param token    the token, or null when its bytes were not a token
 * @param problem  why it does not verify, or null when it does
 * @param chain    the TSA certificate's chain, or null when there was no certificate to chain
 * @param imprint  the hash the token stamps
 * @param imprintMatches whether that is the hash of this signer's signature value
 */
public record TimeStampVerification(TimeStampToken token, TokenProblem.Found problem, Instant genTime, String policy,
                                    BigInteger serial, String imprintAlgorithm, byte[] imprint, boolean imprintMatches,
                                    CertificateChain chain, StatusReport tsaStatus) {

    public boolean verified() {
        return problem == null;
    }

    /** What the token says, or null when its bytes were not a token. */
    public TokenInfo info() {
        return token == null ? null : TokenInfo.of(token);
    }
}
