package uz.eimzo.ca.x509;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything a certificate says, decided by a profile, before it is encoded.
 *
 * @param pathLength for a CA certificate the path length constraint, or null for none; ignored for leaves
 * @param ocspUrl    AIA OCSP URL, or null
 * @param caIssuersUrl AIA caIssuers URL, or null
 * @param crlUrl     CRL distribution point, or null
 * @param dnsNames   subjectAltName DNS names (TLS server certificates), usually empty
 * @param freshestCrlUrl where the issuer's delta CRLs are published (freshestCRL), or null
 */
public record CertificateContent(
        BigInteger serial,
        List<DnAttribute> subject,
        PublicKey publicKey,
        Instant notBefore,
        Instant notAfter,
        Set<KeyUsageBit> keyUsage,
        List<String> extendedKeyUsage,
        List<PolicyInfo> policies,
        boolean ca,
        Integer pathLength,
        String ocspUrl,
        String caIssuersUrl,
        String crlUrl,
        List<String> dnsNames,
        String freshestCrlUrl) {

    /** Content without subjectAltName: every personal certificate. */
    public CertificateContent(BigInteger serial, List<DnAttribute> subject, PublicKey publicKey, Instant notBefore,
                              Instant notAfter, Set<KeyUsageBit> keyUsage, List<String> extendedKeyUsage,
                              List<PolicyInfo> policies, boolean ca, Integer pathLength, String ocspUrl,
                              String caIssuersUrl, String crlUrl) {
        this(serial, subject, publicKey, notBefore, notAfter, keyUsage, extendedKeyUsage, policies, ca, pathLength,
                ocspUrl, caIssuersUrl, crlUrl, List.of());
    }

    /** Content without freshestCRL. */
    public CertificateContent(BigInteger serial, List<DnAttribute> subject, PublicKey publicKey, Instant notBefore,
                              Instant notAfter, Set<KeyUsageBit> keyUsage, List<String> extendedKeyUsage,
                              List<PolicyInfo> policies, boolean ca, Integer pathLength, String ocspUrl,
                              String caIssuersUrl, String crlUrl, List<String> dnsNames) {
        this(serial, subject, publicKey, notBefore, notAfter, keyUsage, extendedKeyUsage, policies, ca, pathLength,
                ocspUrl, caIssuersUrl, crlUrl, dnsNames, null);
    }

    public CertificateContent {
        dnsNames = List.copyOf(dnsNames);
        subject = List.copyOf(subject);
        keyUsage = Set.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        policies = List.copyOf(policies);
    }

    public CertificateContent withSerial(BigInteger newSerial) {
        return new CertificateContent(newSerial, subject, publicKey, notBefore, notAfter, keyUsage, extendedKeyUsage,
                policies, ca, pathLength, ocspUrl, caIssuersUrl, crlUrl, dnsNames, freshestCrlUrl);
    }

    public CertificateContent withFreshestCrl(String url) {
        return new CertificateContent(serial, subject, publicKey, notBefore, notAfter, keyUsage, extendedKeyUsage,
                policies, ca, pathLength, ocspUrl, caIssuersUrl, crlUrl, dnsNames, url);
    }
}
