package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.RecognisedCa;
import uz.eimzo.ca.identity.InvalidIdentityException;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.CertificateProfile;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.Names;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renewal for holders of a recognised external CA's certificate (the national E-IMZO CA, an incumbent centre): how
 * existing E-IMZO holders migrate. The caller has verified that the holder signed a challenge with the certificate's
 * key and that it is inside the renewal window; here the certificate must be an end entity's, signed by a recognised
 * CA's key, valid now, name an individual by a valid PINFL and no organisation, and not have been renewed here before.
 * The new certificate comes from our issuing CA under the individual profile with the presented subject; a GOST-UZ
 * holder stays GOST-UZ. A certificate the external CA's CRL lists as revoked is refused ({@link ExternalCrls}), and the
 * holder gets a registration record here ({@link HolderRecords}) so expiry reminders reach them.
 */
public final class ExternalRenewals {

    static final String PROFILE = "individual";

    private final Issuer issuer;
    private final ExternalRenewalStore renewals;
    private final CaDirectory cas;
    private final ProfileCatalog profiles;
    private final Clock clock;
    private final SecureRandom random;
    private final ExternalCrls crls;

    /**
     * Records an external holder as one of this centre's applicants once every check has passed, before the new
     * certificate is signed: the registration rows the certificate will belong to.
     */
    @FunctionalInterface
    public interface HolderRecords {
        /** No record: the certificate belongs to no applicant (no reminders). */
        HolderRecords NONE = (pinfl, subject) -> RegistrationIds.NONE;

        RegistrationIds record(String pinfl, List<DnAttribute> subject);
    }

    ExternalRenewals(Issuer issuer, ExternalRenewalStore renewals, CaDirectory cas, ProfileCatalog profiles, Clock clock,
                     SecureRandom random, ExternalCrls crls) {
        this.crls = crls;
        this.issuer = issuer;
        this.renewals = renewals;
        this.cas = cas;
        this.profiles = profiles;
        this.clock = clock;
        this.random = random;
    }

    /** The recognised CA whose key signed {@code presented}, if any: whether this path applies at all. */
    public Optional<RecognisedCa> issuerOf(X509Certificate presented) {
        return cas.recognised().issuerOf(presented);
    }

    /** Certifies {@code newKey} under {@code caName} for the holder of {@code presented}. */
    public IssuedCertificate renew(String caName, X509Certificate presented, PublicKey newKey, String requester) {
        return renew(caName, presented, newKey, requester, HolderRecords.NONE);
    }

    /** As {@link #renew(String, X509Certificate, PublicKey, String)}, recording the holder with {@code holders}. */
    public IssuedCertificate renew(String caName, X509Certificate presented, PublicKey newKey, String requester,
                                   HolderRecords holders) {
        return once(caName, presented, newKey, requester, holders, issued -> issued);
    }

    /** As {@link #renew}, with a key made here in the presented key's algorithm, packed as a DS….pfx. */
    public KeyBundle renewWithServerKey(String caName, X509Certificate presented, String requester) {
        return renewWithServerKey(caName, presented, requester, HolderRecords.NONE);
    }

    /** As {@link #renewWithServerKey(String, X509Certificate, String)}, recording the holder with {@code holders}. */
    public KeyBundle renewWithServerKey(String caName, X509Certificate presented, String requester, HolderRecords holders) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(presented.getPublicKey()).orElseThrow(() ->
                new IssuanceException("key.notAllowed", "The current key's algorithm cannot be generated here"));
        KeyPair pair = algorithm.generate(random);
        return once(caName, presented, pair.getPublic(), requester, holders,
                issued -> issuer.files().pack(issued, pair, pinfl(presented), pinfl(presented)));
    }

    private <T> T once(String caName, X509Certificate presented, PublicKey newKey, String requester,
                       HolderRecords holders, Function<IssuedCertificate, T> then) {
        RecognisedCa external = cas.recognised().issuerOf(presented).orElseThrow(() -> new IssuanceException(
                "external.notRecognised", "The certificate was not issued by a CA this centre recognises"));
        Instant now = clock.instant();
        if (presented.getBasicConstraints() >= 0) {
            throw new IssuanceException("external.notEndEntity", "A CA certificate cannot be renewed as a holder's");
        }
        if (now.isBefore(presented.getNotBefore().toInstant()) || now.isAfter(presented.getNotAfter().toInstant())) {
            throw new IssuanceException("renewal.expired", "The certificate has expired; apply at a service centre");
        }
        if (KeyAlgorithm.of(presented.getPublicKey()).orElse(null) == KeyAlgorithm.GOST_UZ
                && KeyAlgorithm.of(newKey).orElse(null) != KeyAlgorithm.GOST_UZ) {
            throw new IssuanceException("renewal.keyAlgorithm", "The current certificate holds a GOST-UZ key and the"
                    + " E-IMZO ecosystem is GOST-only: renew with a new GOST-UZ key");
        }
        List<DnAttribute> subject = Names.of(presented.getSubjectX500Principal());
        if (subject.stream().anyMatch(a -> a.oid().equals(DnAttribute.ORGANISATION_STIR))) {
            throw new IssuanceException("external.organisation",
                    "An organisation's certificate is renewed at a service centre, with the organisation's documents");
        }
        String pinfl = pinfl(presented);
        try {
            crls.check(external, presented);
        } catch (IssuanceException refused) {
            // A revoked certificate presented for renewal is worth an auditor's look.
            issuer.refuse(requester, "certificate.renewExternal", external.name(), refused.code(), refused.getMessage());
            throw refused;
        }
        byte[] sha256 = Certificates.sha256(Certificates.der(presented));
        if (!renewals.claim(sha256, external.id(), presented.getSerialNumber(), now)) {
            throw new IssuanceException("external.alreadyRenewed", "This certificate was already renewed here;"
                    + " renew the certificate we issued instead");
        }
        T result;
        IssuedCertificate issued;
        try {
            CertificateProfile profile = profiles.get(PROFILE);
            RegistrationIds links = holders.record(pinfl, subject);
            issued = issuer.issueEndEntity(cas.require(caName), profile, subject, newKey,
                    new Ledger.Entry(PROFILE, requester, pinfl, null, links), "certificate.renewExternal");
            result = then.apply(issued);
        } catch (RuntimeException refused) {
            renewals.release(sha256);
            throw refused;
        }
        renewals.complete(sha256, issued.ca().id(), issued.serial());
        return result;
    }

    /** The holder's PINFL (1.2.860.3.16.1.2), check digit and all, as real E-IMZO certificates carry it. */
    private static String pinfl(X509Certificate presented) {
        String value = Names.of(presented.getSubjectX500Principal()).stream()
                .filter(a -> a.oid().equals(DnAttribute.PINFL)).map(DnAttribute::value).findFirst()
                .orElseThrow(() -> new IssuanceException("external.identity",
                        "The certificate names no PINFL (1.2.860.3.16.1.2): apply at a service centre"));
        try {
            return new Pinfl(value).value();
        } catch (InvalidIdentityException e) {
            throw new IssuanceException("external.identity", "The certificate's PINFL is not valid: " + e.getMessage());
        }
    }
}
