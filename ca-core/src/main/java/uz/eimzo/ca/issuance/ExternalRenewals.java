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
 * holder stays GOST-UZ. Its revocation at the external CA cannot be checked here (we hold none of its CRLs).
 */
public final class ExternalRenewals {

    static final String PROFILE = "individual";

    private final Issuer issuer;
    private final ExternalRenewalStore renewals;
    private final CaDirectory cas;
    private final ProfileCatalog profiles;
    private final Clock clock;
    private final SecureRandom random;

    ExternalRenewals(Issuer issuer, ExternalRenewalStore renewals, CaDirectory cas, ProfileCatalog profiles, Clock clock,
                     SecureRandom random) {
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
        return once(caName, presented, newKey, requester, issued -> issued);
    }

    /** As {@link #renew}, with a key made here in the presented key's algorithm, packed as a DS….pfx. */
    public KeyBundle renewWithServerKey(String caName, X509Certificate presented, String requester) {
        KeyAlgorithm algorithm = KeyAlgorithm.of(presented.getPublicKey()).orElseThrow(() ->
                new IssuanceException("key.notAllowed", "The current key's algorithm cannot be generated here"));
        KeyPair pair = algorithm.generate(random);
        return once(caName, presented, pair.getPublic(), requester,
                issued -> issuer.files().pack(issued, pair, pinfl(presented), pinfl(presented)));
    }

    private <T> T once(String caName, X509Certificate presented, PublicKey newKey, String requester,
                       Function<IssuedCertificate, T> then) {
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
        byte[] sha256 = Certificates.sha256(Certificates.der(presented));
        if (!renewals.claim(sha256, external.id(), presented.getSerialNumber(), now)) {
            throw new IssuanceException("external.alreadyRenewed", "This certificate was already renewed here;"
                    + " renew the certificate we issued instead");
        }
        T result;
        IssuedCertificate issued;
        try {
            CertificateProfile profile = profiles.get(PROFILE);
            issued = issuer.issueEndEntity(cas.require(caName), profile, subject, newKey,
                    new Ledger.Entry(PROFILE, requester, pinfl, null, RegistrationIds.NONE), "certificate.renewExternal");
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
