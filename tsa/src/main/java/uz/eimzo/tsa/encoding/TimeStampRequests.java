package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.tsp.TimeStampReq;
import org.bouncycastle.tsp.TimeStampRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code TimeStampReq} (RFC 3161 2.4.1) and checks it against what this TSA serves. Every way a body can be
 * wrong ends in a {@link RefusedRequestException}; no other exception leaves {@link #parse}.
 */
public final class TimeStampRequests {

    private final int maxBytes;
    private final ASN1ObjectIdentifier defaultPolicy;
    private final Set<ASN1ObjectIdentifier> policies;

    /**
     * @param maxBytes      larger bodies are badDataFormat, before any parsing
     * @param defaultPolicy the policy of tokens whose request names none
     * @param policies      every policy served, the default included
     */
    public TimeStampRequests(int maxBytes, ASN1ObjectIdentifier defaultPolicy, Set<ASN1ObjectIdentifier> policies) {
        this.maxBytes = maxBytes;
        this.defaultPolicy = defaultPolicy;
        this.policies = Set.copyOf(policies);
    }

    /**
     * The same from dotted OIDs, as settings give them: {@code defaultPolicy} and every non-blank one of
     * {@code otherPolicies} are served.
     */
    public static TimeStampRequests of(int maxBytes, String defaultPolicy, List<String> otherPolicies) {
        Set<ASN1ObjectIdentifier> policies = new LinkedHashSet<>();
        ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier(defaultPolicy);
        policies.add(policy);
        otherPolicies.stream().filter(p -> !p.isBlank()).map(ASN1ObjectIdentifier::new).forEach(policies::add);
        return new TimeStampRequests(maxBytes, policy, policies);
    }

    public StampQuery parse(byte[] body) throws RefusedRequestException {
        if (body == null || body.length == 0) {
            throw new RefusedRequestException(Refusal.BAD_DATA_FORMAT, "empty request");
        }
        if (body.length > maxBytes) {
            throw new RefusedRequestException(Refusal.BAD_DATA_FORMAT, "request larger than " + maxBytes + " bytes");
        }
        TimeStampRequest request;
        try {
            // fromByteArray refuses trailing bytes; getInstance checks the structure's shape.
            request = new TimeStampRequest(TimeStampReq.getInstance(ASN1Primitive.fromByteArray(body)));
            request.getMessageImprintAlgOID();
            request.getMessageImprintDigest();
        } catch (Exception | StackOverflowError malformed) {
            throw new RefusedRequestException(Refusal.BAD_DATA_FORMAT, "not a DER TimeStampReq");
        }
        if (request.getVersion() != 1) {
            throw new RefusedRequestException(Refusal.BAD_REQUEST, "version " + request.getVersion() + " is not 1");
        }
        ImprintAlgorithm algorithm = ImprintAlgorithm.of(request.getMessageImprintAlgOID()).orElseThrow(() ->
                new RefusedRequestException(Refusal.BAD_ALG, "hash algorithm " + request.getMessageImprintAlgOID()
                        + " is not accepted"));
        byte[] imprint = request.getMessageImprintDigest();
        if (imprint.length != algorithm.length()) {
            throw new RefusedRequestException(Refusal.BAD_DATA_FORMAT, "a " + algorithm + " imprint has "
                    + algorithm.length() + " bytes, not " + imprint.length);
        }
        ASN1ObjectIdentifier policy = request.getReqPolicy() == null ? defaultPolicy : request.getReqPolicy();
        if (!policies.contains(policy)) {
            throw new RefusedRequestException(Refusal.UNACCEPTED_POLICY, "policy " + policy + " is not served here");
        }
        if (request.hasExtensions()) {
            // None is defined that we would honour; RFC 3161 2.4.1 says refuse what is not understood.
            throw new RefusedRequestException(Refusal.UNACCEPTED_EXTENSION, "request extensions are not supported");
        }
        return new StampQuery(request, algorithm, imprint, policy, request.getNonce(), request.getCertReq());
    }
}
