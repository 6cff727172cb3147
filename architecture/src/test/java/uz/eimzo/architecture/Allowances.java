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

    /** Classes outside the key packages that handle a key, and why they may. None today. */
    static final Map<String, String> KEY_USERS_BY_DESIGN = Map.of();

    /** Today: CA code that still opens or signs with a CA key itself. None since the signing module took them over. */
    static final Set<String> TODAY_KEY_USERS = Set.of();

    /**
     * Today: public controllers. {@code PublicHealthController.PATH} is read by ra-web's SecurityConfiguration
     * (being edited by the other work); move the constant to {@code HealthSurface} and drop {@code public}. Only
     * shrinks.
     */
    static final Set<String> TODAY_PUBLIC_CONTROLLERS = Set.of(
            "uz.eimzo.monitoring.health.PublicHealthController");

    /**
     * Today: Bouncy Castle outside the encoding packages. The TSA's verification pages write JSON from Bouncy Castle's
     * CMS types, and the responder's pre-signer builds its answers' CertIDs itself; both belong behind
     * tsa.verification's and ocsp.protocol's own types. Only shrinks.
     */
    static final Set<String> TODAY_BOUNCY_CASTLE = Set.of(
            "uz.eimzo.ocsp.status.PresignedAnswers",
            "uz.eimzo.tsa.web.CertificateJson",
            "uz.eimzo.tsa.web.EimzoController",
            "uz.eimzo.tsa.web.EimzoJson",
            "uz.eimzo.tsa.web.Inputs",
            "uz.eimzo.tsa.web.VerificationController",
            "uz.eimzo.tsa.web.VerificationJson");

    /**
     * Today: classes other than stores that run SQL or hold a JdbcClient. Read models that belong in their aggregate's
     * store (the TSA's view of certificates and CAs), two one-line probes (the CA keys'
     * health, the TSA's database clock) and the responder's replica routing; Issuer only hands its client to the
     * ledger it owns. Only shrinks.
     */
    static final Set<String> TODAY_SQL_OUTSIDE_STORES = Set.of(
            "uz.eimzo.ca.issuance.Issuer",
            "uz.eimzo.ocsp.replica.ReadRouting",
            "uz.eimzo.ra.health.CaKeysHealthIndicator",
            "uz.eimzo.tsa.timing.ClockCheck",
            "uz.eimzo.tsa.verification.CertificateRecords",
            "uz.eimzo.tsa.verification.TrustAnchors");

    /**
     * Today: package dependencies that close a cycle, as {@code from -> to}. ocsp.signing -> ocsp.status goes when the
     * delegated signers take the CAs they serve as a narrow interface of their own instead of the status package's
     * {@code CaIndex} (the pre-signer in status uses the signers, and reads the status index's internals). Only shrinks.
     */
    static final Set<String> TODAY_CYCLE_EDGES = Set.of(
            "uz.eimzo.ocsp.signing -> uz.eimzo.ocsp.status");

    /** Today: files with names written out inline. Only shrinks. */
    static final Set<String> TODAY_INLINE_NAMES = Set.of();
}
