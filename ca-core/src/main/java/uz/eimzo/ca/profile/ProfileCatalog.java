package uz.eimzo.ca.profile;

import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.KeyUsageBit;
import uz.eimzo.ca.x509.PolicyInfo;

import java.time.Period;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The profiles a CA offers, by name; one default per applicant type. */
public final class ProfileCatalog {

    /**
     * The arc of the policies real E-IMZO certificates carry, 1.2.860.3.2.2.1.2.1 to .4 (one per purpose:
     * e-reporting, e-declarations, payments, exchange trades); a centre registered elsewhere sets its own.
     */
    public static final String DEFAULT_POLICY_ARC = "1.2.860.3.2.2.1.2";

    /** E-IMZO's set, which GOST-UZ keys carry in full; other key types get the part their RFC allows. */
    private static final Set<KeyUsageBit> E_IMZO_KEY_USAGE = EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE,
            KeyUsageBit.NON_REPUDIATION, KeyUsageBit.KEY_ENCIPHERMENT, KeyUsageBit.DATA_ENCIPHERMENT,
            KeyUsageBit.KEY_AGREEMENT);
    private static final List<String> E_IMZO_EKU = List.of("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4");

    private static final String OID = "[0-2](\\.(0|[1-9][0-9]*))+";

    private final Map<String, CertificateProfile> profiles = new LinkedHashMap<>();

    public ProfileCatalog(Collection<CertificateProfile> profiles) {
        for (CertificateProfile p : profiles) {
            if (this.profiles.putIfAbsent(p.name(), p) != null) {
                throw new ProfileException("profile.duplicate", "Profile " + p.name() + " is defined twice");
            }
        }
    }

    /**
     * The five E-IMZO profiles with 1-year validity and the four purpose policies {@code policyArc}.1 to .4, CPS at
     * {@code cpsUri}; every applicant type carries all four, as E-IMZO certificates do (one policy per purpose).
     */
    public static ProfileCatalog defaults(String policyArc, String cpsUri, Set<KeyAlgorithm> allowedKeys,
                                          KeyAlgorithm serverKey) {
        if (policyArc == null || !policyArc.matches(OID)) {
            throw new ProfileException("profile.policy", "The policy arc is not an OID: " + policyArc);
        }
        List<PolicyInfo> policies = List.of(
                new PolicyInfo(policyArc + ".1", cpsUri, "Elektron hisobotlar uchun (e-reporting)"),
                new PolicyInfo(policyArc + ".2", cpsUri, "Elektron deklaratsiyalar uchun (e-declarations)"),
                new PolicyInfo(policyArc + ".3", cpsUri, "To'lovlar uchun (payments)"),
                new PolicyInfo(policyArc + ".4", cpsUri, "Birja savdolari uchun (exchange trades)"));
        return new ProfileCatalog(List.of(
                profile("individual", ApplicantType.INDIVIDUAL, allowedKeys, serverKey, policies),
                profile("sole-proprietor", ApplicantType.SOLE_PROPRIETOR, allowedKeys, serverKey, policies),
                profile("legal-entity", ApplicantType.LEGAL_ENTITY, allowedKeys, serverKey, policies),
                profile("state-body", ApplicantType.STATE_BODY, allowedKeys, serverKey, policies),
                profile("ngo", ApplicantType.NGO, allowedKeys, serverKey, policies)));
    }

    private static CertificateProfile profile(String name, ApplicantType type, Set<KeyAlgorithm> keys,
                                              KeyAlgorithm serverKey, List<PolicyInfo> policies) {
        return new CertificateProfile(name, type, Period.ofYears(1), keys, serverKey, E_IMZO_KEY_USAGE, E_IMZO_EKU, policies);
    }

    public CertificateProfile get(String name) {
        CertificateProfile profile = profiles.get(name);
        if (profile == null) {
            throw new ProfileException("profile.unknown", "Unknown certificate profile: " + name);
        }
        return profile;
    }

    /**
     * The same catalog with other validities for some profiles (e.g. {@code individual -> P2Y}); a period over
     * 24 months is refused here, at start-up, not at issuance.
     */
    public ProfileCatalog withValidities(Map<String, Period> validities) {
        for (String name : validities.keySet()) {
            get(name);
        }
        return new ProfileCatalog(profiles.values().stream().map(p -> validities.containsKey(p.name())
                ? new CertificateProfile(p.name(), p.applicantType(), validities.get(p.name()), p.allowedKeys(),
                p.serverKeyAlgorithm(), p.keyUsage(), p.extendedKeyUsage(), p.policies(), p.nonGostKeysUnderGostCa())
                : p).toList());
    }

    /**
     * The same catalog with other certificate policies for some profiles; a policy without a CPS URI takes
     * {@code centreCps}. A malformed OID, CPS URI or notice is refused here, at start-up, not at issuance.
     */
    public ProfileCatalog withPolicies(Map<String, List<PolicySetting>> settings, String centreCps) {
        for (String name : settings.keySet()) {
            get(name);
        }
        return new ProfileCatalog(profiles.values().stream().map(p -> settings.containsKey(p.name())
                ? new CertificateProfile(p.name(), p.applicantType(), p.validity(), p.allowedKeys(),
                p.serverKeyAlgorithm(), p.keyUsage(), p.extendedKeyUsage(), policies(p.name(), settings.get(p.name()), centreCps),
                p.nonGostKeysUnderGostCa())
                : p).toList());
    }

    /**
     * The same catalog with some profiles admitting key types other than GOST-UZ under a GOST-UZ CA (e.g.
     * {@code individual -> [EC_P256]}); by default none does, as the E-IMZO ecosystem is GOST-only. A type the profile
     * does not accept at all is refused here, at start-up.
     */
    public ProfileCatalog withNonGostKeysUnderGostCa(Map<String, Set<KeyAlgorithm>> admitted) {
        for (String name : admitted.keySet()) {
            get(name);
        }
        return new ProfileCatalog(profiles.values().stream().map(p -> admitted.containsKey(p.name())
                ? new CertificateProfile(p.name(), p.applicantType(), p.validity(), p.allowedKeys(),
                p.serverKeyAlgorithm(), p.keyUsage(), p.extendedKeyUsage(), p.policies(), admitted.get(p.name()))
                : p).toList());
    }

    private static List<PolicyInfo> policies(String profile, List<PolicySetting> settings, String centreCps) {
        return settings.stream().map(s -> {
            if (s.oid() == null || !s.oid().matches(OID)) {
                throw new ProfileException("profile.policy", "Profile " + profile + ": not a policy OID: " + s.oid());
            }
            return new PolicyInfo(s.oid(), s.cpsUri() == null ? centreCps : s.cpsUri(), s.notice());
        }).toList();
    }

    /** The first profile offered for an applicant type: the one the RA uses unless told otherwise. */
    public CertificateProfile defaultFor(ApplicantType type) {
        return profiles.values().stream().filter(p -> p.applicantType() == type).findFirst()
                .orElseThrow(() -> new ProfileException("profile.none", "No profile is offered for " + type));
    }

    public Collection<CertificateProfile> all() {
        return profiles.values();
    }
}
