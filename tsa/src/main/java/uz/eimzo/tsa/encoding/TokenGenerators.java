package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import uz.eimzo.ca.keys.SigningKey;

import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * One token generator per request thread and signer. Making a generator parses and hashes the TSA certificate (its
 * ESSCertIDv2), builds the certificate store, the TSA name and the signer-info generator: work that is the same for
 * every token, so it is done once per thread rather than once per token. A generator is not shared between threads
 * (its signer and digest calculators hold the token being made), and is dropped after a failure, so a half-written
 * buffer never reaches the next token.
 */
public final class TokenGenerators {

    private record Prepared(SigningKey key, X509Certificate certificate, ASN1ObjectIdentifier policy,
                            TimeStampTokenGenerator generator) {

        boolean serves(SigningKey key, X509Certificate certificate, ASN1ObjectIdentifier policy) {
            return this.key == key && this.certificate.equals(certificate) && this.policy.equals(policy);
        }
    }

    private final Duration accuracy;
    private final ThreadLocal<Prepared> perThread = new ThreadLocal<>();

    /** @param accuracy what every token states */
    public TokenGenerators(Duration accuracy) {
        this.accuracy = accuracy;
    }

    /** This thread's generator for the key, its certificate and the token's policy; made when it has none for them. */
    TimeStampTokenGenerator generator(SigningKey key, X509Certificate certificate, ASN1ObjectIdentifier policy) {
        Prepared prepared = perThread.get();
        if (prepared == null || !prepared.serves(key, certificate, policy)) {
            prepared = new Prepared(key, certificate, policy, TimeStampReplies.generator(key, certificate, policy, accuracy));
            perThread.set(prepared);
        }
        return prepared.generator();
    }

    /** Forgets this thread's generator, e.g. after it failed mid-token. */
    void discard() {
        perThread.remove();
    }
}
