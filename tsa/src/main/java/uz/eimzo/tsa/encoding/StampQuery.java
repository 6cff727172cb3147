package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequest;

import java.math.BigInteger;

/**
 * A request that passed every check: the imprint's function and hash, the policy the token will carry (requested
 * or default), the nonce to echo and whether the TSA certificate goes into the token.
 */
public record StampQuery(TimeStampRequest request, ImprintAlgorithm algorithm, byte[] imprint,
                         ASN1ObjectIdentifier policy, BigInteger nonce, boolean certReq) {

    /** The policy as a dotted OID, for those who keep it and need no ASN.1. */
    public String policyId() {
        return policy.getId();
    }
}
