package uz.eimzo.ca.profile;

import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.DnAttribute;
import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.KeyUsageRules;
import uz.eimzo.ca.x509.PolicyInfo;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an end-entity certificate for one applicant type contains: subject layout, key types, extensions
 * and validity. Validity over 24 months is refused when the profile is made, as the law requires.
 *
 * @param serverKeyAlgorithm the key type generated when the centre makes the key for the applicant
 * @param nonGostKeysUnderGostCa the key types other than GOST-UZ this profile certifies under a GOST-UZ CA: none by
 *                               default, as the E-IMZO ecosystem is GOST-only; an explicit per-profile setting only
 */
public record CertificateProfile(
        String name,
        ApplicantType applicantType,
        Period validity,
        Set<KeyAlgorithm> allowedKeys,
        KeyAlgorithm serverKeyAlgorithm,
        Set<KeyUsageBit> keyUsage,
        List<String> extendedKeyUsage,
        List<PolicyInfo> policies,
        Set<KeyAlgorithm> nonGostKeysUnderGostCa) {

    /** E-IMZO validity ends at 23:59:59 Tashkent time. */
    public static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    public static final Period LEGAL_MAXIMUM = Period.ofMonths(24);
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    public CertificateProfile {
        if (name == null || !name.matches("[a-z0-9-]{1,40}")) {
            throw new ProfileException("profile.name", "Profile name must be 1-40 lower-case letters, digits or hyphens");
        }
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new ProfileException("profile.validity", "Profile " + name + " needs a positive validity");
        }
        if (exceedsLegalMaximum(validity)) {
            throw new ProfileException("profile.validity",
                    "Profile " + name + " validity " + validity + " exceeds the legal maximum of 24 months");
        }
        if (allowedKeys == null || allowedKeys.isEmpty()) {
            throw new ProfileException("profile.keys", "Profile " + name + " accepts no key type");
        }
        if (!allowedKeys.contains(serverKeyAlgorithm)) {
            throw new ProfileException("profile.keys", "Profile " + name + " would generate a key type it does not accept");
        }
        requireWellFormed(name, policies);
        nonGostKeysUnderGostCa = nonGostKeysUnderGostCa == null ? Set.of() : Set.copyOf(nonGostKeysUnderGostCa);
        if (!allowedKeys.containsAll(nonGostKeysUnderGostCa)) {
            throw new ProfileException("profile.keys", "Profile " + name + " admits under a GOST-UZ CA key types it does"
                    + " not accept at all: " + nonGostKeysUnderGostCa + " (it accepts " + allowedKeys + ")");
        }
        allowedKeys = Set.copyOf(allowedKeys);
        keyUsage = Set.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        policies = List.copyOf(policies);
    }

    /**
     * This profile carrying only the chosen purposes (policy OIDs, in the profile's order): what an applicant asked the
     * certificate to be for. No choice means every policy; an OID the profile does not offer is refused
     * ({@code profile.purpose}), never dropped silently.
     */
    public CertificateProfile forPurposes(List<String> purposes) {
        if (purposes == null || purposes.isEmpty()) {
            return this;
        }
        for (String oid : purposes) {
            if (policies.stream().noneMatch(p -> p.oid().equals(oid))) {
                throw new ProfileException("profile.purpose", "Profile " + name + " offers no purpose " + oid);
            }
        }
        return new CertificateProfile(name, applicantType, validity, allowedKeys, serverKeyAlgorithm, keyUsage,
                extendedKeyUsage, policies.stream().filter(p -> purposes.contains(p.oid())).toList(), nonGostKeysUnderGostCa);
    }

    /** A profile certifying GOST-UZ keys only under a GOST-UZ CA, the E-IMZO rule. */
    public CertificateProfile(String name, ApplicantType applicantType, Period validity, Set<KeyAlgorithm> allowedKeys,
                              KeyAlgorithm serverKeyAlgorithm, Set<KeyUsageBit> keyUsage, List<String> extendedKeyUsage,
                              List<PolicyInfo> policies) {
        this(name, applicantType, validity, allowedKeys, serverKeyAlgorithm, keyUsage, extendedKeyUsage, policies, Set.of());
    }

    /**
     * The subject key types this profile certifies under a CA whose key is {@code caKey}: under a GOST-UZ CA only
     * GOST-UZ (if accepted at all) and what {@link #nonGostKeysUnderGostCa} names; under any other CA every accepted type.
     */
    public Set<KeyAlgorithm> keysUnder(KeyAlgorithm caKey) {
        if (caKey != KeyAlgorithm.GOST_UZ) {
            return allowedKeys;
        }
        Set<KeyAlgorithm> keys = EnumSet.noneOf(KeyAlgorithm.class);
        keys.addAll(nonGostKeysUnderGostCa);
        if (allowedKeys.contains(KeyAlgorithm.GOST_UZ)) {
            keys.add(KeyAlgorithm.GOST_UZ);
        }
        return Set.copyOf(keys);
    }

    /** RFC 5280 4.2.1.4: each policy once, explicitText at most 200 characters; CPS URIs absolute http(s). */
    private static void requireWellFormed(String name, List<PolicyInfo> policies) {
        if (policies == null || policies.isEmpty()) {
            throw new ProfileException("profile.policy", "Profile " + name + " has no certificate policy");
        }
        if (policies.stream().map(PolicyInfo::oid).distinct().count() < policies.size()) {
            throw new ProfileException("profile.policy", "Profile " + name + " names a certificate policy twice");
        }
        for (PolicyInfo policy : policies) {
            if (policy.cpsUri() != null && !isHttpUrl(policy.cpsUri())) {
                throw new ProfileException("profile.policy", "Profile " + name + " policy " + policy.oid()
                        + ": the CPS URI must be an absolute http(s) URL, not " + policy.cpsUri());
            }
            if (policy.userNotice() != null && (policy.userNotice().isBlank() || policy.userNotice().length() > 200)) {
                throw new ProfileException("profile.policy", "Profile " + name + " policy " + policy.oid()
                        + ": the user notice must be 1 to 200 characters");
            }
        }
    }

    static boolean isHttpUrl(String value) {
        try {
            var uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The keyUsage of a certificate for {@code subjectKey}: this profile's bits narrowed to what the key type's
     * subscriber certificates assert ({@link KeyUsageRules#endEntity}), so GOST-UZ keeps E-IMZO's five bits and an
     * Ed25519 key gets only the signature bits. An unaccepted key type keeps the profile's bits; the lint refuses it.
     */
    public Set<KeyUsageBit> keyUsageFor(PublicKey subjectKey) {
        var algorithm = KeyAlgorithm.of(subjectKey);
        if (algorithm.isEmpty()) {
            return keyUsage;
        }
        Set<KeyUsageBit> bits = EnumSet.copyOf(keyUsage);
        bits.retainAll(KeyUsageRules.endEntity(algorithm.get()));
        if (bits.isEmpty()) {
            throw new ProfileException("profile.keyUsage", "Profile " + name + " asks for no keyUsage a "
                    + algorithm.get() + " key may carry");
        }
        return Set.copyOf(bits);
    }

    /** The subject DN in E-IMZO order: CN, name, SN, O, L, ST, C, UID, PINFL, T, organisation STIR, businessCategory. */
    public List<DnAttribute> subjectDn(Subject s) {
        if (applicantType.organisation() && s.organisation() == null) {
            throw new ProfileException("subject.organisation", "A " + applicantType.uzbekName() + " certificate needs the organisation's STIR, name and legal form");
        }
        if (!applicantType.organisation() && s.organisation() != null) {
            throw new ProfileException("subject.organisation", "A " + applicantType.uzbekName() + " certificate cannot carry an organisation");
        }
        if (applicantType == ApplicantType.SOLE_PROPRIETOR && s.personalStir() == null) {
            throw new ProfileException("subject.personalStir", "A sole proprietor certificate needs the personal STIR");
        }
        List<DnAttribute> dn = new ArrayList<>();
        dn.add(new DnAttribute(DnAttribute.CN, s.commonName()));
        dn.add(new DnAttribute(DnAttribute.NAME, s.givenName()));
        dn.add(new DnAttribute(DnAttribute.SURNAME, s.surname()));
        if (s.organisation() != null) {
            dn.add(new DnAttribute(DnAttribute.O, s.organisation().name()));
        }
        if (s.district() != null) {
            dn.add(new DnAttribute(DnAttribute.L, s.district()));
        }
        if (s.region() != null) {
            dn.add(new DnAttribute(DnAttribute.ST, s.region()));
        }
        dn.add(new DnAttribute(DnAttribute.C, "UZ"));
        if (s.personalStir() != null) {
            dn.add(new DnAttribute(DnAttribute.UID, s.personalStir().value()));
        }
        dn.add(new DnAttribute(DnAttribute.PINFL, s.pinfl().value()));
        if (s.organisation() != null) {
            if (s.position() == null) {
                throw new ProfileException("subject.position", "The applicant's position in the organisation is required");
            }
            dn.add(new DnAttribute(DnAttribute.T, s.position()));
            dn.add(new DnAttribute(DnAttribute.ORGANISATION_STIR, s.organisation().stir().value()));
            dn.add(new DnAttribute(DnAttribute.BUSINESS_CATEGORY, s.organisation().legalForm()));
        }
        return dn;
    }

    /**
     * Validity starting now (to the second) and ending at 23:59:59 Tashkent on the anniversary: the Tashkent
     * calendar date of issue plus the period (a year from 29 February ends on 28 February), as E-IMZO's do.
     */
    public Validity validityFrom(Instant now) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        return new Validity(notBefore, endOf(notBefore, validity));
    }

    /**
     * The longest validity this profile can give a certificate starting at {@code notBefore}: to the end of the
     * anniversary day, the same rule as {@link #validityFrom}, so the linter's cap and the issued end agree.
     */
    public Duration maxDuration(Instant notBefore) {
        return Duration.between(notBefore, endOf(notBefore, validity));
    }

    private static Instant endOf(Instant notBefore, Period period) {
        var anniversary = notBefore.atZone(TASHKENT).toLocalDate().plus(period);
        return anniversary.atTime(END_OF_DAY).atZone(TASHKENT).toInstant();
    }

    /**
     * Whether {@code period} reaches past 24 months from any start date: a period in days or mixing months and
     * days is as long as 24 months on some dates only (731 days are 24 months from 1 January 2000 but one day
     * more from 1 March 2001), so every start in a Gregorian leap cycle around a non-leap century is tried.
     */
    static boolean exceedsLegalMaximum(Period period) {
        var start = LocalDate.of(2096, 1, 1);
        for (var day = start; day.isBefore(start.plusYears(8)); day = day.plusDays(1)) {
            if (day.plus(period).isAfter(day.plus(LEGAL_MAXIMUM))) {
                return true;
            }
        }
        return false;
    }

    /** A certificate's validity period. */
    public record Validity(Instant notBefore, Instant notAfter) {
    }
}
