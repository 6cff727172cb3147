package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * One token template per request thread and signer ({@link TokenTemplate}). Making one runs Bouncy Castle's token
 * generator once for the signer (certificate parsed and hashed for its ESSCertIDv2, attributes, TSA name) and keeps the
 * DER of what every token repeats: work that is the same for every token, so it is done once per thread rather than
 * once per token. A template is not shared between threads (its signer and digest hold the token being made), and is
 * dropped after a failure, so a half-written buffer never reaches the next token.
 */
public final class TokenGenerators {

    /** Any policy: the template writes each token's TSTInfo, policy included, itself. */
    private static final ASN1ObjectIdentifier SAMPLE_POLICY = new ASN1ObjectIdentifier("1.2.860.3.2.11.1");

    private final Duration accuracy;
    private final ThreadLocal<TokenTemplate> perThread = new ThreadLocal<>();

    /** @param accuracy what every token states */
    public TokenGenerators(Duration accuracy) {
        this.accuracy = accuracy;
    }

    /** This thread's template for the signer; made when it has none for it. */
    TokenTemplate template(TokenSigner signer) {
        TokenTemplate template = perThread.get();
        if (template == null || !template.serves(signer)) {
            template = TokenTemplate.learn(signer, sample(signer));
            perThread.set(template);
        }
        return template;
    }

    /** A reply from Bouncy Castle's generator with the certificate included, which the template learns from. */
    private byte[] sample(TokenSigner signer) {
        TimeStampRequestGenerator request = new TimeStampRequestGenerator();
        request.setCertReq(true);
        TimeStampRequest sample = request.generate(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                new byte[32], BigInteger.ONE);
        return TimeStampReplies.generated(TimeStampReplies.generator(signer, SAMPLE_POLICY, accuracy), sample,
                BigInteger.ONE, Instant.now());
    }

    /** Forgets this thread's template, e.g. after it failed mid-token. */
    void discard() {
        perThread.remove();
    }
}
