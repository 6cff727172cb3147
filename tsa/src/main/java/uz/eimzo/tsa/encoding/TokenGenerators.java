package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.time.Duration;

/**
 * One token generator per request thread and signer. Making a generator parses and hashes the TSA certificate (its
 * ESSCertIDv2), builds the certificate store, the TSA name and the signer-info generator: work that is the same for
 * every token, so it is done once per thread rather than once per token. A generator is not shared between threads
 * (its signer and digest calculators hold the token being made), and is dropped after a failure, so a half-written
 * buffer never reaches the next token.
 */
public final class TokenGenerators {

    private record Prepared(TokenSigner signer, ASN1ObjectIdentifier policy, TimeStampTokenGenerator generator) {

        boolean serves(TokenSigner signer, ASN1ObjectIdentifier policy) {
            return this.signer.equals(signer) && this.policy.equals(policy);
        }
    }

    private final Duration accuracy;
    private final ThreadLocal<Prepared> perThread = new ThreadLocal<>();

    /** @param accuracy what every token states */
    public TokenGenerators(Duration accuracy) {
        this.accuracy = accuracy;
    }

    /** This thread's generator for the signer and the token's policy; made when it has none for them. */
    TimeStampTokenGenerator generator(TokenSigner signer, ASN1ObjectIdentifier policy) {
        Prepared prepared = perThread.get();
        if (prepared == null || !prepared.serves(signer, policy)) {
            prepared = new Prepared(signer, policy, TimeStampReplies.generator(signer, policy, accuracy));
            perThread.set(prepared);
        }
        return prepared.generator();
    }

    /** Forgets this thread's generator, e.g. after it failed mid-token. */
    void discard() {
        perThread.remove();
    }
}
