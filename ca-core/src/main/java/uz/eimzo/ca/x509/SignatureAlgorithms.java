package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Maps the JCA signature algorithm names our keys use to the AlgorithmIdentifier written in certificates. */
final class SignatureAlgorithms {

    private static final DefaultSignatureAlgorithmIdentifierFinder FINDER = new DefaultSignatureAlgorithmIdentifierFinder();
    private static final Map<String, AlgorithmIdentifier> EXTRA = new ConcurrentHashMap<>();

    private SignatureAlgorithms() {
    }

    static AlgorithmIdentifier identifier(String jcaName) {
        AlgorithmIdentifier extra = EXTRA.get(jcaName);
        return extra != null ? extra : FINDER.find(jcaName);
    }

    /** Lets national algorithms outside Bouncy Castle's table name their identifier. */
    static void register(String jcaName, AlgorithmIdentifier identifier) {
        EXTRA.put(jcaName, identifier);
    }
}
