package uz.eimzo.tsa;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uz.eimzo.tsa.verification.ExternalStatusOrder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code eimzo.tsa} (docs/tsa.md, docs/configuration.md).
 *
 * @param name            this TSA's name in {@code responder_certificate}; instances sharing a key store share it
 * @param ca              the CA that certifies the TSA key: the demo's GOST-UZ issuing CA by default, as for applicants
 * @param policy          the policy OID of tokens whose request names none; by default E-IMZO's TSA policy, the one
 *                        its public documentation shows on test.e-imzo.uz's tokens
 * @param otherPolicies   further policy OIDs a request may ask for
 * @param accuracy        the accuracy every token states, and the most the clock may be off its reference
 * @param maxRequestBytes larger bodies are badDataFormat
 * @param certificateValidity how long the CA makes a TSA certificate live (read by the CA side's job)
 */
@ConfigurationProperties("eimzo.tsa")
public record TsaProperties(
        @DefaultValue("tsa") String name,
        @DefaultValue("demo-gost-issuing") String ca,
        @DefaultValue("1.2.860.3.2.11.1") String policy,
        @DefaultValue("") List<String> otherPolicies,
        @DefaultValue("PT1S") Duration accuracy,
        @DefaultValue("16384") int maxRequestBytes,
        @DefaultValue Keys keys,
        @DefaultValue ClockReference clock,
        @DefaultValue Ledger ledger,
        @DefaultValue Verification verification) {

    /**
     * Where the TSA key lives.
     *
     * @param type               pkcs12 or pkcs11
     * @param algorithm          GOST_UZ (national, default), EC_P256, EC_P384, RSA_2048, ...
     * @param renewWhenRemaining ask for a new certificate when less than this fraction of validity remains
     * @param checkInterval      how often the TSA looks for its certificate and whether rollover is due
     */
    public record Keys(
            @DefaultValue("pkcs12") String type,
            @DefaultValue("tsa-keys.p12") Path pkcs12File,
            String password,
            String pkcs11Config,
            String pin,
            @DefaultValue("GOST_UZ") String algorithm,
            @DefaultValue("0.34") double renewWhenRemaining,
            @DefaultValue("PT30S") Duration checkInterval) {
    }

    /**
     * The second opinion on the time: the database server's clock.
     *
     * @param checkInterval how often the clocks are compared
     * @param maxAge        a comparison older than this no longer vouches for the clock
     */
    public record ClockReference(
            @DefaultValue("PT10S") Duration checkInterval,
            @DefaultValue("PT35S") Duration maxAge) {
    }

    /**
     * @param maxBatch most token records per transaction
     * @param commitTimeout how long a request waits for its record to commit before it is refused (systemFailure)
     * @param writers       writer threads committing batches side by side
     * @param gather        under load, how long a batch waits for more tokens before it is committed
     */
    public record Ledger(
            @DefaultValue("500") int maxBatch,
            @DefaultValue("PT5S") Duration commitTimeout,
            @DefaultValue("2") int writers,
            @DefaultValue("PT0.002S") Duration gather) {
    }

    /**
     * Signed-document verification (docs/tsa.md, "Verifying signed documents").
     *
     * @param maxDocumentBytes larger PKCS#7 documents (content included when attached) are refused with HTTP 400
     * @param anchorsRefresh   how long the list of our and recognised CAs is kept before it is read again
     * @param crlTimeout       connecting to and reading an external CA's CRL distribution point, at most
     * @param crlMaxBytes      a larger CRL is not read (the status stays not checked)
     * @param externalStatus   which sources tell an external CA's certificate status: ocsp-then-crl, crl-only, ocsp-only
     * @param ocspConnectTimeout connecting to an external CA's OCSP responder, at most
     * @param ocspReadTimeout  waiting for its answer once connected, at most
     * @param ocspMaxBytes     a larger OCSP answer is not read
     * @param ocspNonce        whether OCSP requests carry a nonce (RFC 8954)
     * @param ocspFreshWithoutNonce an answer that ignored the nonce is believed only when its thisUpdate is this recent
     * @param ocspKeepFor      how long an OCSP answer is kept per certificate (never past its nextUpdate)
     */
    public record Verification(
            @DefaultValue("16777216") int maxDocumentBytes,
            @DefaultValue("PT1M") Duration anchorsRefresh,
            @DefaultValue("PT5S") Duration crlTimeout,
            @DefaultValue("10485760") int crlMaxBytes,
            @DefaultValue("ocsp-then-crl") ExternalStatusOrder externalStatus,
            @DefaultValue("PT2S") Duration ocspConnectTimeout,
            @DefaultValue("PT3S") Duration ocspReadTimeout,
            @DefaultValue("65536") int ocspMaxBytes,
            @DefaultValue("true") boolean ocspNonce,
            @DefaultValue("PT5M") Duration ocspFreshWithoutNonce,
            @DefaultValue("PT2M") Duration ocspKeepFor) {
    }
}
