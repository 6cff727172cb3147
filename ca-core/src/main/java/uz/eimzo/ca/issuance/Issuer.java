package uz.eimzo.ca.issuance;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.authority.Authorities;
import uz.eimzo.ca.authority.KeyPlace;
import uz.eimzo.ca.revocation.CertificateRecord;
import uz.eimzo.ca.revocation.CertificateStatus;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.CertificateProfile;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.signing.IssuerKey;
import uz.eimzo.ca.signing.RecordedTbs;
import uz.eimzo.ca.x509.CertificateContent;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.LintException;
import uz.eimzo.ca.x509.LintedTbs;
import uz.eimzo.ca.x509.Linter;
import uz.eimzo.ca.x509.Names;
import uz.eimzo.ca.x509.TbsCertificate;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.ZoneOffset;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Issues certificates: checks the request against the profile, lints, records the serial and TBS,
 * signs with the CA key, stores the certificate and audits, in that order and no other.
 */
public final class Issuer implements Authorities.CaCertifier {

    private static final int SERIAL_ATTEMPTS = 5;

    private final IssuanceStore certificates;
    private final TransactionTemplate tx;
    private final CaDirectory cas;
    private final CaSigner signer;
    private final AuditLog audit;
    private final ProfileCatalog profiles;
    private final PublicationUrls urls;
    private final Clock clock;
    private final SecureRandom random;
    private final SerialNumbers serials;
    private final Ledger ledger;
    private final ExternalRenewalStore externalRenewals;
    private final List<IssuanceObserver> observers = new CopyOnWriteArrayList<>();

    public Issuer(Ledger ledger, ExternalRenewalStore externalRenewals, IssuanceStore certificates, TransactionTemplate tx, CaDirectory cas, CaSigner signer,
                  AuditLog audit, ProfileCatalog profiles, PublicationUrls urls, Clock clock, SecureRandom random) {
        this.certificates = certificates;
        this.tx = tx;
        this.cas = cas;
        this.signer = signer;
        this.audit = audit;
        this.profiles = profiles;
        this.urls = urls;
        this.clock = clock;
        this.random = random;
        this.serials = new SerialNumbers(random);
        this.ledger = ledger;
        this.externalRenewals = externalRenewals;
    }

    /** Adds an observer told about every issuance, refusal and failure from now on (e.g. metrics). */
    public void onIssuance(IssuanceObserver observer) {
        observers.add(observer);
    }

    /** Certifies a verified subject's public key under a profile. */
    public IssuedCertificate issue(EndEntityRequest request) {
        CertificateProfile profile = profiles.get(request.profileName()).forPurposes(request.purposes());
        List<DnAttribute> dn = profile.subjectDn(request.subject());
        Subject s = request.subject();
        String stir = s.organisation() != null ? s.organisation().stir().value()
                : s.personalStir() == null ? null : s.personalStir().value();
        Ledger.Entry entry = new Ledger.Entry(profile.name(), request.requester(), s.pinfl().value(), stir, request.links());
        return issueEndEntity(cas.require(request.caName()), profile, dn, request.publicKey(), entry, "certificate.issue");
    }

    /**
     * Certifies the key of a PKCS#10 request (proof of possession checked) for a verified subject, for the chosen
     * purposes of the profile (policy OIDs; empty for all).
     */
    public IssuedCertificate issueFromCsr(String caName, String profileName, List<String> purposes, Subject subject,
                                          byte[] csr, String requester, RegistrationIds links) {
        var parsed = CertificationRequests.parse(csr);
        return issue(new EndEntityRequest(caName, profileName, subject, parsed.publicKey(), requester, links, purposes));
    }

    /**
     * Certifies a key the applicant's browser made, for the chosen purposes (empty for all). The E-IMZO ecosystem is
     * GOST-only: under a GOST-UZ CA a browser's WebCrypto (P-256) key is refused, never certified in its place; a
     * GOST-UZ key made by our browser script is certified like any GOST-UZ request.
     */
    public IssuedCertificate issueFromBrowserKey(String caName, String profileName, List<String> purposes, Subject subject,
                                                 byte[] csr, String requester, RegistrationIds links) {
        var parsed = CertificationRequests.parse(csr);
        if (caKeyAlgorithm(caName) == KeyAlgorithm.GOST_UZ
                && KeyAlgorithm.of(parsed.publicKey()).orElse(null) != KeyAlgorithm.GOST_UZ) {
            throw new IssuanceException("key.browserUnderGost", "CA " + caName + " takes GOST-UZ keys only, not a browser's P-256:"
                    + " issue a server-made key (DS….pfx) or certify a GOST-UZ request from the E-IMZO agent");
        }
        return issue(new EndEntityRequest(caName, profileName, subject, parsed.publicKey(), requester, links, purposes));
    }

    /** Renewal for holders of recognised external CAs' certificates (migration of existing E-IMZO holders). */
    public ExternalRenewals externalRenewals() {
        return externalRenewals(ExternalCrls.none(clock));
    }

    /** As {@link #externalRenewals()}, refusing certificates the external CA's CRL lists as revoked. */
    public ExternalRenewals externalRenewals(ExternalCrls crls) {
        return new ExternalRenewals(this, externalRenewals, cas, profiles, clock, random, crls);
    }

    /** The key algorithm of one of our CAs (what its certificates, CRLs and server-made keys use). */
    public KeyAlgorithm caKeyAlgorithm(String caName) {
        return cas.require(caName).keyAlgorithm();
    }

    /**
     * Generates the key on the server, certifies it and packs key, certificate, issuing CA and root into a
     * PKCS#12 file protected by a fresh random password; for the chosen purposes (policy OIDs; empty for all).
     */
    public KeyBundle issueWithServerKey(String caName, String profileName, List<String> purposes, Subject subject,
                                        String requester, RegistrationIds links) {
        return files().issue(caName, profiles.get(profileName), purposes, subject, requester, links);
    }

    /** Renewal with a key made here in the current key's algorithm (GOST-UZ stays GOST-UZ), packed as a DS….pfx. */
    public KeyBundle renewWithServerKey(String caName, BigInteger currentSerial, String requester) {
        return files().renew(caName, currentSerial, requester);
    }

    DsFiles files() {
        return new DsFiles(this, certificates, cas, random);
    }

    /** The name E-IMZO gives a holder's key file ({@code DS<holder><nnnn>.pfx}); see {@link DsFiles#fileName}. */
    public String keyFileName(String pinfl, String holder) {
        return files().fileName(pinfl, holder);
    }

    /**
     * The alias (friendlyName) the E-IMZO agent lists for a key file holding this certificate's key, for key files
     * written elsewhere (the applicant's browser) in the same layout as ours.
     */
    public String agentAlias(X509Certificate certificate) {
        return AgentAlias.of(certificate);
    }

    /**
     * Renewal: a new certificate for the same identity (subject, profile, registration records) and a new key,
     * with a fresh validity. The current certificate must be good and unexpired.
     */
    public IssuedCertificate renew(String caName, BigInteger currentSerial, PublicKey newKey, String requester) {
        CertificateAuthority ca = cas.require(caName);
        CertificateRecord current = certificates.find(ca.id(), currentSerial)
                .orElseThrow(() -> new IssuanceException("renewal.unknown", "No certificate with serial "
                        + currentSerial.toString(16) + " under CA " + caName));
        Instant now = clock.instant();
        if (current.status() != CertificateStatus.GOOD) {
            throw new IssuanceException("renewal.status", "Only a good certificate can be renewed; this one is " + current.status());
        }
        if (!current.validAt(now)) {
            throw new IssuanceException("renewal.expired", "The certificate has expired; apply at a service centre");
        }
        if (KeyAlgorithm.of(current.certificate().getPublicKey()).orElse(null) == KeyAlgorithm.GOST_UZ
                && KeyAlgorithm.of(newKey).orElse(null) != KeyAlgorithm.GOST_UZ) {
            throw new IssuanceException("renewal.keyAlgorithm", "The current certificate holds a GOST-UZ key and the E-IMZO"
                    + " ecosystem is GOST-only: renew with a new GOST-UZ key, not " + KeyAlgorithm.of(newKey)
                    .map(Enum::name).orElse(newKey.getAlgorithm()));
        }
        CertificateProfile profile = profiles.get(current.profile());
        RegistrationIds links = certificates.registrationIds(ca.id(), currentSerial);
        Ledger.Entry entry = new Ledger.Entry(profile.name(), requester, current.pinfl(), current.stir(), links);
        return issueEndEntity(ca, profile, Names.of(current.certificate().getSubjectX500Principal()), newKey, entry,
                "certificate.renew");
    }

    /** Certifies a subordinate CA's key under {@code parent}; used by the key ceremony. */
    public IssuedCertificate issueSubordinateCa(CertificateAuthority parent, List<DnAttribute> subject, PublicKey key,
                                                Period validity, Integer pathLength, String requester) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plus(validity).toInstant();
        CertificateContent content = new CertificateContent(null, subject, key, notBefore, notAfter,
                EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN),
                List.of(), List.of(), true, pathLength, urls.ocsp(), urls.caCertificate(parent.name()),
                urls.crl(parent.name()));
        Linter.Rules rules = new Linter.Rules(Duration.between(notBefore, notAfter), parent.certificate(),
                EnumSet.allOf(KeyAlgorithm.class));
        Ledger.Entry entry = new Ledger.Entry("sub-ca", requester, null, null, RegistrationIds.NONE);
        return sign(parent, content, rules, entry, "ca.subordinate.issue");
    }

    /**
     * Certificates for the system's own services rather than for applicants: the TLS server certificate of the
     * operators' HTTPS port, and operators' client certificates. Same record-lint-sign path as everything else.
     */
    public IssuedCertificate issueService(String caName, ServiceProfile profile, List<DnAttribute> subject,
                                          List<String> dnsNames, PublicKey key, Period validity, String requester) {
        CertificateAuthority ca = cas.require(caName);
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plus(validity).toInstant();
        CertificateContent content = new CertificateContent(null, subject, key, notBefore, notAfter, profile.keyUsageFor(key),
                profile.extendedKeyUsage(), List.of(), false, null, urls.ocsp(), urls.caCertificate(ca.name()),
                urls.crl(ca.name()), dnsNames);
        Linter.Rules rules = new Linter.Rules(profile.maxValidity(), ca.certificate(), EnumSet.allOf(KeyAlgorithm.class));
        if (Duration.between(notBefore, notAfter).compareTo(profile.maxValidity()) > 0) {
            throw new IssuanceException("validity.tooLong", profile + " certificates are valid at most "
                    + profile.maxValidity().toDays() + " days");
        }
        Ledger.Entry entry = new Ledger.Entry(profile.profileName(), requester, null, null, RegistrationIds.NONE);
        return sign(ca, content, rules, entry, "certificate.issue." + profile.profileName());
    }

    /** Certificates for the keys the responder and the TSA sign with on the CA's behalf. */
    public DelegatedCertificates delegated() {
        return new DelegatedCertificates(this, clock, urls);
    }

    @Override
    public X509Certificate issueSubordinate(CertificateAuthority parent, List<DnAttribute> subject, KeyPlace.NewKey key,
                                            Period validity, String actor) {
        return issueSubordinateCa(parent, subject, key.publicKey(), validity, 0, actor).certificate();
    }

    /** Self-signs a root CA certificate: recorded in the audit log (TBS hash) before the key signs it. */
    @Override
    public X509Certificate selfSign(String name, List<DnAttribute> subject, KeyPlace.NewKey key, Period validity,
                                    String requester) {
        Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plus(validity).toInstant();
        CertificateContent content = new CertificateContent(serials.next(), subject, key.publicKey(), notBefore, notAfter,
                EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN),
                List.of(), List.of(), true, null, null, null, null);
        TbsCertificate tbs = TbsCertificate.build(content, null, key.publicKey(), key.signatureAlgorithm());
        LintedTbs linted = lint(tbs, new Linter.Rules(Duration.between(notBefore, notAfter), null,
                EnumSet.allOf(KeyAlgorithm.class)), requester, "ca.root.create", name);
        RecordedTbs recorded = signer.record(linted, null, root -> tx.executeWithoutResult(status -> audit.record(
                AuditEvent.success(requester, "ca.root.tbs", name, Map.of(
                        "serial", content.serial().toString(16),
                        "tbsSha256", HexFormat.of().formatHex(Certificates.sha256(tbs.encoded())))))));
        return signer.selfSigned(recorded, key);
    }

    IssuedCertificate issueEndEntity(CertificateAuthority ca, CertificateProfile profile, List<DnAttribute> dn,
                                             PublicKey key, Ledger.Entry entry, String action) {
        var validity = profile.validityFrom(clock.instant());
        CertificateContent content = new CertificateContent(null, dn, key, validity.notBefore(), validity.notAfter(),
                profile.keyUsageFor(key), profile.extendedKeyUsage(), profile.policies(), false, null,
                urls.ocsp(), urls.caCertificate(ca.name()), urls.crl(ca.name()));
        // Every end-entity path (operator CSR, API, CMP, renewal, server-made keys) comes here: under a GOST-UZ CA the
        // profile certifies GOST-UZ keys only unless it explicitly admits others (signObserved refuses the rest).
        Linter.Rules rules = new Linter.Rules(profile.maxDuration(validity.notBefore()), ca.certificate(),
                profile.keysUnder(ca.keyAlgorithm()));
        return sign(ca, content, rules, entry, action);
    }

    IssuedCertificate sign(CertificateAuthority ca, CertificateContent unsigned, Linter.Rules rules,
                                   Ledger.Entry entry, String action) {
        long start = System.nanoTime();
        IssuanceObserver.Outcome outcome = IssuanceObserver.Outcome.FAILED;
        // A certificate naming the CA's full CRL also names its delta CRL (RFC 5280 4.2.1.15), where revocations since
        // the last full CRL are.
        CertificateContent content = unsigned.crlUrl() == null ? unsigned : unsigned.withFreshestCrl(urls.deltaCrl(ca.name()));
        try {
            IssuedCertificate issued = signObserved(ca, content, rules, entry, action);
            outcome = IssuanceObserver.Outcome.ISSUED;
            return issued;
        } catch (IssuanceException | LintException refused) {
            outcome = IssuanceObserver.Outcome.REFUSED;
            throw refused;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            for (IssuanceObserver observer : observers) {
                try {
                    observer.observed(entry.profile(), outcome, took);
                } catch (RuntimeException e) {
                    // Monitoring must never change what the CA decided.
                    LoggerFactory.getLogger(Issuer.class).warn("Issuance observer failed: {}", e.toString());
                }
            }
        }
    }

    private IssuedCertificate signObserved(CertificateAuthority ca, CertificateContent unsigned, Linter.Rules rules,
                                           Ledger.Entry entry, String action) {
        IssuerKey caKey = signer.issuerKey(ca);
        Set<KeyAlgorithm> allowed = rules.allowedSubjectKeys();
        var keyType = KeyAlgorithm.of(unsigned.publicKey());
        if (keyType.isEmpty() || !allowed.contains(keyType.get())) {
            boolean gostOnly = ca.keyAlgorithm() == KeyAlgorithm.GOST_UZ && keyType.isPresent()
                    && keyType.get() != KeyAlgorithm.GOST_UZ && acceptedElsewhere(entry.profile(), keyType.get());
            String code = gostOnly ? "key.gostOnly" : "key.notAllowed";
            String message = gostOnly
                    ? "CA " + ca.name() + " is GOST-UZ and the E-IMZO ecosystem is GOST-only: profile " + entry.profile()
                    + " certifies " + allowed + " keys under it, not " + KeyAlgorithm.describe(unsigned.publicKey())
                    : "Key " + KeyAlgorithm.describe(unsigned.publicKey()) + " is not accepted; the profile accepts " + allowed;
            refuse(entry.requester(), action, ca.name(), code, message);
            throw new IssuanceException(code, message);
        }
        byte[] keyHash = Certificates.sha256(unsigned.publicKey().getEncoded());
        RecordedTbs recorded = null;
        for (int attempt = 1; recorded == null; attempt++) {
            CertificateContent content = unsigned.withSerial(serials.next());
            LintedTbs linted = lint(TbsCertificate.build(content, ca.certificate(), caKey.publicKey(),
                    caKey.signatureAlgorithm()), rules, entry.requester(), action, ca.name());
            try {
                recorded = signer.record(linted, ca, tbs -> tx.executeWithoutResult(status -> {
                    ledger.requireUnusedKey(keyHash, clock.instant());
                    ledger.record(ca, tbs, entry);
                }));
            } catch (DuplicateKeyException collision) {
                if (attempt == SERIAL_ATTEMPTS) {
                    throw new IllegalStateException("Serial number collided " + attempt + " times; the random source is broken");
                }
            } catch (IssuanceException refused) {
                refuse(entry.requester(), action, ca.name(), refused.code(), refused.getMessage());
                throw refused;
            }
        }
        X509Certificate certificate = signer.certificate(recorded);
        RecordedTbs stored = recorded;
        tx.executeWithoutResult(status -> {
            ledger.complete(stored, certificate, clock.instant());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("ca", ca.name());
            details.put("serial", certificate.getSerialNumber().toString(16));
            details.put("profile", entry.profile());
            details.put("sha256", HexFormat.of().formatHex(Certificates.sha256(Certificates.der(certificate))));
            audit.record(AuditEvent.success(entry.requester(), action, ca.name() + ":" + certificate.getSerialNumber().toString(16), details));
        });
        return new IssuedCertificate(ca, certificate, entry.profile());
    }

    /** Whether the profile accepts this key type under a CA of another algorithm (so only the GOST-only rule refuses it). */
    private boolean acceptedElsewhere(String profile, KeyAlgorithm keyType) {
        return profiles.all().stream().anyMatch(p -> p.name().equals(profile) && p.allowedKeys().contains(keyType));
    }

    private LintedTbs lint(TbsCertificate tbs, Linter.Rules rules, String actor, String action, String target) {
        try {
            return Linter.lint(tbs, rules);
        } catch (LintException e) {
            refuse(actor, action, target, "lint", String.join("; ", e.findings()));
            throw e;
        }
    }

    void refuse(String actor, String action, String target, String code, String message) {
        tx.executeWithoutResult(status -> audit.record(AuditEvent.failure(actor, action, target,
                Map.of("code", code, "reason", message))));
    }

    /** Packs a key generated here with its certificate and chain into a PKCS#12 file with a fresh random password. */
    public KeyBundle bundle(IssuedCertificate issued, PrivateKey key, String fileName, String alias) {
        return files().bundle(issued, key, fileName, alias);
    }

    /** Leaf, then issuing CA, then up to the root. */
    public List<X509Certificate> chainOf(IssuedCertificate issued) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued.certificate());
        CertificateAuthority ca = issued.ca();
        while (ca != null) {
            chain.add(ca.certificate());
            ca = ca.parentId() == null ? null : cas.byId(ca.parentId()).orElse(null);
        }
        return chain;
    }
}
