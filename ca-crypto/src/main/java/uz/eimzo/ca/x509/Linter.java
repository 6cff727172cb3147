package uz.eimzo.ca.x509;

import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.text.TextRules;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;

/**
 * Checks a to-be-signed certificate against RFC 5280 and the profile before the CA key touches it.
 * It joins the TBS to a placeholder signature of the right algorithm and shape, parses the result with
 * the JDK and inspects what a relying party would see; any finding refuses the certificate.
 */
public final class Linter {

    /**
     * One signature per algorithm, made once by a throwaway key over fixed bytes. Parsing never checks a
     * signature, so a placeholder of the real shape shows what a relying party would parse; signing and
     * verifying each TBS with a throwaway key cost as much as the CA's own signature and proved nothing more
     * (the issuer verifies the real signature with the CA's public key before it lets a certificate out).
     */
    private static final Map<KeyAlgorithm, byte[]> PLACEHOLDER_SIGNATURES = new EnumMap<>(KeyAlgorithm.class);
    private static final String EKU_ANY = "2.5.29.37.0";

    /**
     * What the certificate must respect beyond RFC 5280.
     *
     * @param maxValidity longest validity the profile allows
     * @param issuer      the issuing CA certificate, or null for a self-signed root
     * @param allowedSubjectKeys key types the profile accepts for the subject
     */
    public record Rules(Duration maxValidity, X509Certificate issuer, Set<KeyAlgorithm> allowedSubjectKeys) {
    }

    private Linter() {
    }

    /** Returns the TBS as linted, or throws {@link LintException} listing every finding. */
    public static LintedTbs lint(TbsCertificate tbs, Rules rules) {
        List<String> findings = new ArrayList<>();
        CertificateContent c = tbs.content();

        if (c.serial().signum() <= 0) {
            findings.add("serial number must be positive");
        }
        if (c.serial().bitLength() < 64) {
            findings.add("serial number carries fewer than 64 bits");
        }
        if (c.serial().toByteArray().length > 20) {
            findings.add("serial number is longer than 20 octets");
        }
        if (!c.notAfter().isAfter(c.notBefore())) {
            findings.add("notAfter is not after notBefore");
        }
        if (Duration.between(c.notBefore(), c.notAfter()).compareTo(rules.maxValidity()) > 0) {
            findings.add("validity exceeds the profile's maximum of " + rules.maxValidity().toDays() + " days");
        }
        if (rules.issuer() != null) {
            if (c.notAfter().isAfter(rules.issuer().getNotAfter().toInstant())) {
                findings.add("notAfter is beyond the issuing CA's notAfter");
            }
            if (c.notBefore().isBefore(rules.issuer().getNotBefore().toInstant())) {
                findings.add("notBefore is before the issuing CA's notBefore");
            }
        }
        lintSubject(c.subject(), findings);
        lintKeys(tbs, rules, findings);

        if (findings.isEmpty()) {
            lintEncoded(tbs, rules, findings);
        }
        if (!findings.isEmpty()) {
            throw new LintException(findings);
        }
        return new LintedTbs(tbs);
    }

    private static void lintSubject(List<DnAttribute> subject, List<String> findings) {
        if (subject.isEmpty()) {
            findings.add("subject is empty");
        }
        for (DnAttribute a : subject) {
            String v = a.value();
            switch (a.oid()) {
                case DnAttribute.C -> {
                    if (!v.matches("[A-Z]{2}")) {
                        findings.add("C must be a two-letter country code");
                    }
                }
                case DnAttribute.PINFL -> {
                    if (!v.matches("[0-9]{14}")) {
                        findings.add("PINFL attribute must be 14 digits");
                    }
                }
                case DnAttribute.ORGANISATION_STIR, DnAttribute.UID -> {
                    if (!v.matches("[0-9]{9}")) {
                        findings.add("STIR attribute " + a.oid() + " must be 9 digits");
                    }
                }
                case DnAttribute.CN, DnAttribute.O, DnAttribute.T, DnAttribute.OU -> {
                    if (v.length() > 64) {
                        findings.add("attribute " + a.oid() + " is longer than 64 characters");
                    }
                }
                default -> {
                    if (v.length() > 128) {
                        findings.add("attribute " + a.oid() + " is longer than 128 characters");
                    }
                }
            }
            if (!v.equals(v.strip()) || TextRules.line(v, Integer.MAX_VALUE).isPresent()) {
                findings.add("attribute " + a.oid() + " has surrounding spaces or control, invisible or bidirectional characters");
            }
        }
    }

    private static void lintKeys(TbsCertificate tbs, Rules rules, List<String> findings) {
        CertificateContent c = tbs.content();
        var subjectKey = KeyAlgorithm.of(c.publicKey());
        if (subjectKey.isEmpty()) {
            findings.add("subject key " + KeyAlgorithm.describe(c.publicKey()) + " is not an accepted key type");
        } else {
            if (!rules.allowedSubjectKeys().contains(subjectKey.get())) {
                findings.add("subject key " + subjectKey.get() + " is not allowed by the profile");
            }
            // RFC 5480 section 3, RFC 4055 section 1.2, RFC 8410 section 5: a bit the key's algorithm cannot honour.
            KeyUsageRules.check(c.keyUsage(), subjectKey.get(), findings);
        }
        var issuerKey = KeyAlgorithm.of(tbs.issuerKey());
        if (issuerKey.isEmpty() || !issuerKey.get().signatureAlgorithm().equals(tbs.signatureAlgorithm())) {
            findings.add("signature algorithm " + tbs.signatureAlgorithm() + " does not match the issuer key");
        }
        if (rules.issuer() != null && !sameKey(rules.issuer().getPublicKey(), tbs.issuerKey())) {
            findings.add("signing key is not the issuing CA certificate's key");
        }
        if (c.ca()) {
            if (!c.keyUsage().contains(KeyUsageBit.KEY_CERT_SIGN)) {
                findings.add("CA certificate lacks keyCertSign");
            }
        } else if (c.keyUsage().contains(KeyUsageBit.KEY_CERT_SIGN) || c.keyUsage().contains(KeyUsageBit.CRL_SIGN)) {
            findings.add("end-entity certificate asserts keyCertSign or cRLSign");
        }
        if (c.keyUsage().isEmpty()) {
            findings.add("keyUsage is empty");
        }
        if (c.extendedKeyUsage().contains(EKU_ANY)) {
            findings.add("anyExtendedKeyUsage is not allowed");
        }
        for (String url : Arrays.asList(c.ocspUrl(), c.caIssuersUrl(), c.crlUrl())) {
            if (url != null && !url.matches("https?://[^\\s]+")) {
                findings.add("URL is not http(s): " + url);
            }
        }
    }

    /** Parses the certificate as a relying party would and compares it with what was meant. */
    private static void lintEncoded(TbsCertificate tbs, Rules rules, List<String> findings) {
        CertificateContent c = tbs.content();
        X509Certificate parsed;
        try {
            parsed = Certificates.assemble(tbs, placeholderSignature(KeyAlgorithm.of(tbs.issuerKey()).orElseThrow()));
        } catch (Exception e) {
            findings.add("certificate does not parse: " + e.getMessage());
            return;
        }
        if (parsed.getVersion() != 3) {
            findings.add("not a version 3 certificate");
        }
        if (!parsed.getSerialNumber().equals(c.serial())) {
            findings.add("serial number did not survive encoding");
        }
        if (!parsed.getNotBefore().toInstant().equals(c.notBefore().truncatedTo(ChronoUnit.SECONDS))
                || !parsed.getNotAfter().toInstant().equals(c.notAfter().truncatedTo(ChronoUnit.SECONDS))) {
            findings.add("validity did not survive encoding");
        }
        if (!Names.of(parsed.getSubjectX500Principal()).equals(c.subject())) {
            findings.add("subject did not survive encoding");
        }
        if (rules.issuer() != null) {
            if (!Arrays.equals(parsed.getIssuerX500Principal().getEncoded(), rules.issuer().getSubjectX500Principal().getEncoded())) {
                findings.add("issuer name differs from the CA certificate's subject");
            }
            byte[] aki = parsed.getExtensionValue("2.5.29.35");
            byte[] expected = Certificates.subjectKeyId(rules.issuer());
            if (aki == null || !Arrays.equals(AuthorityKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(aki).getOctets()).getKeyIdentifier(), expected)) {
                findings.add("authorityKeyIdentifier does not match the issuer's subjectKeyIdentifier");
            }
        } else if (!parsed.getIssuerX500Principal().equals(parsed.getSubjectX500Principal())) {
            findings.add("self-signed certificate's issuer differs from its subject");
        }
        if (!sameKey(parsed.getPublicKey(), c.publicKey())) {
            findings.add("subject public key did not survive encoding");
        }
        Set<String> critical = parsed.getCriticalExtensionOIDs();
        if (critical == null || !critical.contains("2.5.29.15")) {
            findings.add("keyUsage is missing or not critical");
        }
        boolean[] keyUsage = parsed.getKeyUsage();
        for (KeyUsageBit bit : KeyUsageBit.values()) {
            boolean set = keyUsage != null && keyUsage.length > bit.bit() && keyUsage[bit.bit()];
            if (set != c.keyUsage().contains(bit)) {
                findings.add("keyUsage bit " + bit + " differs from the profile");
            }
        }
        if (c.ca() != (parsed.getBasicConstraints() >= 0)) {
            findings.add(c.ca() ? "CA certificate lacks basicConstraints cA" : "end-entity certificate carries basicConstraints cA");
        }
        if (c.ca() && (critical == null || !critical.contains("2.5.29.19"))) {
            findings.add("CA basicConstraints is not critical");
        }
        if (parsed.getExtensionValue("2.5.29.14") == null) {
            findings.add("subjectKeyIdentifier is missing");
        }
        try {
            List<String> eku = parsed.getExtendedKeyUsage();
            if (!(eku == null ? List.of() : eku).equals(c.extendedKeyUsage())) {
                findings.add("extendedKeyUsage differs from the profile");
            }
        } catch (CertificateParsingException e) {
            findings.add("extendedKeyUsage does not parse");
        }
        if (c.crlUrl() != null && parsed.getExtensionValue("2.5.29.31") == null) {
            findings.add("CRL distribution point is missing");
        }
        if ((c.ocspUrl() != null || c.caIssuersUrl() != null) && parsed.getExtensionValue("1.3.6.1.5.5.7.1.1") == null) {
            findings.add("authorityInfoAccess is missing");
        }
    }

    private static synchronized byte[] placeholderSignature(KeyAlgorithm algorithm) {
        return PLACEHOLDER_SIGNATURES.computeIfAbsent(algorithm, a -> {
            try {
                KeyPair throwaway = a.generate(new SecureRandom());
                Signature signer = Signature.getInstance(a.signatureAlgorithm());
                signer.initSign(throwaway.getPrivate());
                signer.update(new byte[32]);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot make a " + a + " placeholder signature", e);
            }
        }).clone();
    }

    private static boolean sameKey(PublicKey a, PublicKey b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
