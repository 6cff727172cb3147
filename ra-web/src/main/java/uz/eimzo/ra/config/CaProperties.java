package uz.eimzo.ra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.PolicySetting;
import uz.eimzo.ca.profile.ProfileCatalog;

/**
 * The CA node's settings ({@code eimzo.ca.*}): where CA keys live, the public URL of the responder, and
 * whether to bootstrap a demo hierarchy on an empty database.
 *
 * @param pkcs12          PKCS#12 file holding CA keys, or null
 * @param pkcs12Password  its password (from the environment in production); unset: made at random on first start
 *                        and kept owner-only in {@code <pkcs12>.password}
 * @param pkcs11Config    SunPKCS11 configuration file for an HSM, or null
 * @param pkcs11Pin       the token PIN
 * @param responderUrl    base URL relying parties use for OCSP, CRLs and CA certificates
 * @param cpsUrl          the certification practice statement named in certificate policies
 * @param policyArc       OID arc under which the profiles' policy OIDs are numbered
 * @param demo            create a demo root and issuing CA, a service centre and its operators on an empty database
 * @param demoGost        with {@code demo}, also a GOST-UZ root and issuing CA (keys in the PKCS#12 file: SunPKCS11
 *                        has no GOST-UZ), for the E-IMZO ecosystem beside the ECDSA one; on by default, since the
 *                        default issuing CA is the GOST-UZ one
 * @param demoCredentials file where the demo operators' first passwords and the API token are written (mode 600)
 * @param profileValidity validity per profile name when not the default one year (e.g. {@code individual: P2Y})
 * @param profilePolicies certificate policies per profile name when not the four under {@code policyArc}: OID, CPS URI
 *                        (default {@code cpsUrl}) and user notice each; refused at start-up if malformed
 * @param profileNonGostKeysUnderGostCa key types other than GOST-UZ a profile certifies under a GOST-UZ CA, per profile
 *                        name (e.g. {@code individual: EC_P256}); none by default, as the E-IMZO ecosystem is GOST-only
 */
@ConfigurationProperties("eimzo.ca")
public record CaProperties(
        Path pkcs12,
        String pkcs12Password,
        Path pkcs11Config,
        String pkcs11Pin,
        @DefaultValue("http://localhost:8081") String responderUrl,
        @DefaultValue("http://localhost:8080/cps") String cpsUrl,
        @DefaultValue(ProfileCatalog.DEFAULT_POLICY_ARC) String policyArc,
        @DefaultValue("false") boolean demo,
        @DefaultValue("true") boolean demoGost,
        Path demoCredentials,
        Map<String, Period> profileValidity,
        Map<String, List<PolicySetting>> profilePolicies,
        Map<String, Set<KeyAlgorithm>> profileNonGostKeysUnderGostCa) {
}
