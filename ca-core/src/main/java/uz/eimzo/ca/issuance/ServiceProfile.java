package uz.eimzo.ca.issuance;

import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.KeyUsageRules;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.security.PublicKey;
import uz.eimzo.ca.keys.KeyAlgorithm;

/** Profiles of the system's own certificates: not E-IMZO subscribers, so none of their policies or DN rules. */
public enum ServiceProfile {
    /** The operators' HTTPS port. */
    TLS_SERVER("tls-server", EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT),
            List.of("1.3.6.1.5.5.7.3.1"), Duration.ofDays(398)),
    /** An operator's client certificate for mutual-TLS sign-in. */
    OPERATOR_CLIENT("operator-client", EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE), List.of("1.3.6.1.5.5.7.3.2"),
            Duration.ofDays(731));

    private final String profileName;
    private final Set<KeyUsageBit> keyUsage;
    private final List<String> extendedKeyUsage;
    private final Duration maxValidity;

    ServiceProfile(String profileName, Set<KeyUsageBit> keyUsage, List<String> extendedKeyUsage, Duration maxValidity) {
        this.profileName = profileName;
        this.keyUsage = keyUsage;
        this.extendedKeyUsage = extendedKeyUsage;
        this.maxValidity = maxValidity;
    }

    /** The name recorded in the certificate table's profile column. */
    public String profileName() {
        return profileName;
    }

    /** This profile's bits that a key of the subject's type may carry: a TLS server's EC key gets no keyEncipherment. */
    Set<KeyUsageBit> keyUsageFor(PublicKey subjectKey) {
        var algorithm = KeyAlgorithm.of(subjectKey);
        if (algorithm.isEmpty()) {
            return keyUsage;
        }
        Set<KeyUsageBit> bits = EnumSet.copyOf(keyUsage);
        bits.retainAll(KeyUsageRules.permitted(algorithm.get()));
        return bits;
    }

    List<String> extendedKeyUsage() {
        return extendedKeyUsage;
    }

    Duration maxValidity() {
        return maxValidity;
    }
}
