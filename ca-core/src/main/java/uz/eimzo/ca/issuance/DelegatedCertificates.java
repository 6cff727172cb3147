package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.CertificateContent;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.Linter;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;

/**
 * Certificates for delegated signers: the OCSP responder's and the TSA's keys, which sign on the CA's behalf and for
 * one purpose only. Same record-lint-sign path as every other certificate ({@link Issuer}).
 */
public final class DelegatedCertificates {

    private final Issuer issuer;
    private final Clock clock;
    private final PublicationUrls urls;

    DelegatedCertificates(Issuer issuer, Clock clock, PublicationUrls urls) {
        this.issuer = issuer;
        this.clock = clock;
        this.urls = urls;
    }

    /** id-kp-OCSPSigning: the certificate may sign OCSP responses for the CA that issues it. */
    public static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    /**
     * Certifies a delegated OCSP responder key (RFC 6960 4.2.2.2): id-kp-OCSPSigning, id-pkix-ocsp-nocheck and a
     * short validity, so relying parties trust it without checking its own status.
     */
    public IssuedCertificate ocspResponder(CertificateAuthority ca, List<DnAttribute> subject, PublicKey key,
                                                Duration validity, String requester) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CertificateContent content = new CertificateContent(null, subject, key, notBefore, notBefore.plus(validity),
                EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE), List.of(OCSP_SIGNING), List.of(), false, null,
                null, urls.caCertificate(ca.name()), null);
        Linter.Rules rules = new Linter.Rules(validity, ca.certificate(), EnumSet.allOf(KeyAlgorithm.class));
        Ledger.Entry entry = new Ledger.Entry("ocsp-responder", requester, null, null, RegistrationIds.NONE);
        return issuer.sign(ca, content, rules, entry, "ocsp.responder.issue");
    }

    /** id-kp-timeStamping: the certificate may sign RFC 3161 time-stamp tokens, and nothing else. */
    public static final String TIME_STAMPING = "1.3.6.1.5.5.7.3.8";

    /**
     * Certifies a time-stamp authority's key (RFC 3161 2.3): critical extendedKeyUsage id-kp-timeStamping only, key
     * usage digitalSignature and nonRepudiation. Unlike a responder certificate its status is checked (no nocheck):
     * tokens outlive it, so relying parties need to learn of a compromise.
     */
    public IssuedCertificate timeStamping(CertificateAuthority ca, List<DnAttribute> subject, PublicKey key,
                                               Duration validity, String requester) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CertificateContent content = new CertificateContent(null, subject, key, notBefore, notBefore.plus(validity),
                EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.NON_REPUDIATION), List.of(TIME_STAMPING),
                List.of(), false, null, urls.ocsp(), urls.caCertificate(ca.name()), urls.crl(ca.name()));
        Linter.Rules rules = new Linter.Rules(validity, ca.certificate(), EnumSet.allOf(KeyAlgorithm.class));
        Ledger.Entry entry = new Ledger.Entry("tsa", requester, null, null, RegistrationIds.NONE);
        return issuer.sign(ca, content, rules, entry, "tsa.certificate.issue");
    }
}
