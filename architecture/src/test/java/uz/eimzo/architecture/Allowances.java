package uz.eimzo.architecture;

import java.util.Map;
import java.util.Set;

/**
 * What the rules tolerate, by name. Two kinds:
 * <ul>
 *   <li><b>By design</b>: exceptions that stay, each with its reason beside it.</li>
 *   <li><b>Today</b>: offenders in code that other work of issue 14 was rewriting when the rules were written (the
 *   CA's one signing contract; one store per aggregate; the files those engineers were editing). These lists must
 *   only shrink: {@link AllowancesTest} fails when an entry no longer breaks its rule (remove it) and when a list
 *   grows past its recorded size (fix the code instead of adding to the list).</li>
 * </ul>
 */
final class Allowances {

    private Allowances() {
    }

    /** Classes outside the key packages that handle a key, and why they may. */
    static final Map<String, String> KEY_USERS_BY_DESIGN = Map.of(
            "uz.eimzo.ocsp.ResponderConfiguration", "chooses the responder's own key storage (PKCS#12 or PKCS#11) from "
                    + "its settings and hands it to ocsp.signing; it opens no key and holds no CA key",
            "uz.eimzo.tsa.TsaConfiguration", "chooses the TSA's own key storage (PKCS#12 or PKCS#11) from its settings "
                    + "and hands it to tsa.signing; it opens no key and holds no CA key",
            "uz.eimzo.ocsp.protocol.OcspResponses", "encodes and signs a BasicOCSPResponse in one step (Bouncy Castle's "
                    + "builder takes the signer) with the delegated key ocsp.signing passes in; it obtains none",
            "uz.eimzo.tsa.encoding.TimeStampReplies", "encodes and signs a time-stamp token in one step (CMS signer info) "
                    + "with the key tsa.signing passes in; it obtains none",
            "uz.eimzo.tsa.encoding.Digests", "picks the token's content digest from the algorithm of the key it is "
                    + "given (O'z DSt 1106 for GOST-UZ); it obtains none");

    /**
     * Today: CA code that still opens or signs with a CA key itself; the signing module ({@code uz.eimzo.ca.signing})
     * takes these over. Only shrinks.
     */
    static final Set<String> TODAY_KEY_USERS = Set.of(
            "uz.eimzo.ca.CaServices",
            "uz.eimzo.ca.checkpoints.AuditCheckpoints",
            "uz.eimzo.ca.authority.Authorities",
            "uz.eimzo.ca.crl.CrlIssuer",
            "uz.eimzo.ca.issuance.CertificateSigner",
            "uz.eimzo.ca.issuance.Issuer",
            "uz.eimzo.ra.cmp.CmpConfiguration",
            "uz.eimzo.ra.cmp.CmpServer",
            "uz.eimzo.ra.config.CaConfiguration",
            "uz.eimzo.ra.config.DemoHierarchy",
            "uz.eimzo.ra.config.MonitoringConfiguration",
            "uz.eimzo.ra.config.SchedulingConfiguration",
            "uz.eimzo.ra.health.CaKeysHealthIndicator");

    /**
     * Today: public controllers. {@code PublicHealthController.PATH} is read by ra-web's SecurityConfiguration
     * (being edited by the other work); move the constant to {@code HealthSurface} and drop {@code public}. Only
     * shrinks.
     */
    static final Set<String> TODAY_PUBLIC_CONTROLLERS = Set.of(
            "uz.eimzo.monitoring.health.PublicHealthController");

    /** Today: Bouncy Castle outside the encoding packages. Only shrinks. */
    static final Set<String> TODAY_BOUNCY_CASTLE = Set.of();

    /**
     * Today: classes other than stores that run SQL, take {@code CaServices.jdbc()} or hold a JdbcClient. Only
     * shrinks.
     */
    static final Set<String> TODAY_SQL_OUTSIDE_STORES = Set.of(
            // The CA core, the registration domain and ra-web: replaced by one store per aggregate (the storage work).
            "uz.eimzo.ca.checkpoints.AuditCheckpoints",
            "uz.eimzo.ca.audit.AuditLog",
            "uz.eimzo.ca.audit.AuditVerification",
            "uz.eimzo.ca.audit.SignatureAlarms",
            "uz.eimzo.ca.authority.CaDirectory",
            "uz.eimzo.ca.authority.RecognisedCas",
            "uz.eimzo.ca.ceremony.VerifyAuditCommand",
            "uz.eimzo.ca.storage.CertificateStore",
            "uz.eimzo.ca.crl.CrlIssuer",
            "uz.eimzo.ca.issuance.Issuer",
            "uz.eimzo.ca.issuance.Ledger",
            "uz.eimzo.ca.registration.CertificateSearch",
            "uz.eimzo.ca.registration.DocumentScans",
            "uz.eimzo.ca.registration.EnrollmentCodes",
            "uz.eimzo.ca.registration.Identities",
            "uz.eimzo.ca.registration.Registrations",
            "uz.eimzo.ca.registration.RequestSnapshots",
            "uz.eimzo.ca.reminders.ExpiryReminders",
            "uz.eimzo.ca.responder.ResponderCertificates",
            "uz.eimzo.ca.revocation.RevocationCodes",
            "uz.eimzo.ca.revocation.Revocations",
            "uz.eimzo.ra.admin.AdministrationController",
            "uz.eimzo.ra.audit.AuditController",
            "uz.eimzo.ra.cmp.CmpServer",
            "uz.eimzo.ra.cmp.CmpTransactions",
            "uz.eimzo.ra.cmp.OverdueConfirmations",
            "uz.eimzo.ra.cmp.Renewal",
            "uz.eimzo.ra.config.DemoHierarchy",
            "uz.eimzo.ra.config.MonitoringConfiguration",
            "uz.eimzo.ra.config.RegistrationConfiguration",
            "uz.eimzo.ra.config.SchedulingConfiguration",
            "uz.eimzo.ra.health.CaKeysHealthIndicator",
            "uz.eimzo.ra.metrics.CaMetrics",
            "uz.eimzo.ra.metrics.ExpiringCertificates",
            "uz.eimzo.ra.mtls.ClientCertificateFilter",
            "uz.eimzo.ra.operator.OperatorDirectory",
            "uz.eimzo.ra.reminders.ReminderConfiguration",
            "uz.eimzo.ra.security.ApiTokenFilter",
            "uz.eimzo.ra.selfservice.SelfService",
            "uz.eimzo.ra.selfservice.SelfServiceConfiguration",
            // The responder, the TSA and monitoring read (and the TSA writes) their own tables; each reader becomes a
            // …Store, or moves into one, when the storage work reaches these applications.
            "uz.eimzo.monitoring.crl.CrlFreshness",
            "uz.eimzo.ocsp.publication.Publications",
            "uz.eimzo.ocsp.replica.ReadRouting",
            "uz.eimzo.ocsp.signing.DelegatedSigners",
            "uz.eimzo.ocsp.status.CaIndex",
            "uz.eimzo.ocsp.status.StatusIndex",
            "uz.eimzo.ocsp.status.StatusRepository",
            "uz.eimzo.tsa.signing.TsaSigners",
            "uz.eimzo.tsa.timing.ClockCheck");

    /**
     * Today: package dependencies that close a cycle, as {@code from -> to}. audit -> authority goes when audit
     * checkpoints are signed through the signing module; ra.security -> ra.api and ra.mtls -> ra.security when the
     * operator's principal ({@code OperatorUser}) and the API's problem answers stop living where the filters are
     * configured. Only shrinks.
     */
    static final Set<String> TODAY_CYCLE_EDGES = Set.of(
            "uz.eimzo.ca.audit -> uz.eimzo.ca.authority",
            "uz.eimzo.ra.security -> uz.eimzo.ra.api",
            "uz.eimzo.ra.mtls -> uz.eimzo.ra.security");

    /**
     * Today: files with names written out inline, in the packages the signing and storage work was editing (ra-web
     * cmp, health, config, admin, selfservice, security, mtls, reminders; ca-core crl, audit, authority, issuance,
     * responder, certificates; the registration module). Only shrinks.
     */
    static final Set<String> TODAY_INLINE_NAMES = Set.of(
            "ca-core/src/main/java/uz/eimzo/ca/audit/AuditLog.java",
            "ca-core/src/main/java/uz/eimzo/ca/authority/Authorities.java",
            "ca-core/src/main/java/uz/eimzo/ca/authority/AuthorityException.java",
            "ca-core/src/main/java/uz/eimzo/ca/issuance/IssuanceException.java",
            "ca-core/src/main/java/uz/eimzo/ca/issuance/Issuer.java",
            "ca-core/src/main/java/uz/eimzo/ca/issuance/ServiceProfile.java",
            "ra-web/src/main/java/uz/eimzo/ra/admin/AdministrationController.java",
            "ra-web/src/main/java/uz/eimzo/ra/cmp/CmpTransactions.java",
            "ra-web/src/main/java/uz/eimzo/ra/cmp/SignedChallenges.java",
            "ra-web/src/main/java/uz/eimzo/ra/cmp/Undelivered.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/CaConfiguration.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/CaProperties.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/DemoHierarchy.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/LanguageConfiguration.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/RaProperties.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/RegistrationConfiguration.java",
            "ra-web/src/main/java/uz/eimzo/ra/config/SchedulingConfiguration.java",
            "ra-web/src/main/java/uz/eimzo/ra/security/OperatorAuthenticationProvider.java",
            "ra-web/src/main/java/uz/eimzo/ra/security/SecurityConfiguration.java",
            "ra-web/src/main/java/uz/eimzo/ra/selfservice/SelfService.java",
            "ra-web/src/main/java/uz/eimzo/ra/selfservice/SelfServiceController.java",
            "registration/src/main/java/uz/eimzo/ca/registration/CertificateSearch.java",
            "registration/src/main/java/uz/eimzo/ca/registration/DocumentScans.java",
            "registration/src/main/java/uz/eimzo/ca/registration/EnrollmentCodes.java",
            "registration/src/main/java/uz/eimzo/ca/registration/PersonalDataCipher.java",
            "registration/src/main/java/uz/eimzo/ca/registration/RegistrationException.java",
            "registration/src/main/java/uz/eimzo/ca/registration/Registrations.java",
            "registration/src/main/java/uz/eimzo/ca/registration/RequestSnapshots.java");
}
