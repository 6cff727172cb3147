package uz.eimzo.tsa.verification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.ExternalOcspClient;
import uz.eimzo.ca.x509.OcspAnswer;
import uz.eimzo.ca.x509.UnusableOcspException;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of a certificate a recognised external CA issued, from the OCSP responders its certificate names (whose
 * signature the chain has already verified, so the URLs are the CA's own word). Asking and believing an answer is
 * ca-crypto's {@link ExternalOcspClient}; which responders to ask and keeping answers is this class's. An answer is
 * kept per CertID (responder, issuer key, serial) for {@code keepFor}, never past its nextUpdate; an unusable answer
 * for {@link #RETRY_AFTER}; a responder that did not answer at all is not asked again, for any certificate, for
 * {@link #RETRY_AFTER}, so a dead responder costs one timeout, not one per request. Both maps are bounded.
 */
public final class ExternalOcsp {

    private static final Logger log = LoggerFactory.getLogger(ExternalOcsp.class);
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    /** Responders tried per certificate, and answers kept: bounds what a certificate can make us do. */
    private static final int MAX_RESPONDERS = 2;
    private static final int MAX_KEPT = 1024;

    /** What OCSP said about one certificate: an answer, or none and why for each responder asked. */
    record Outcome(OcspAnswer answer, List<StatusReport.NotChecked> failures) {
    }

    /** An answer, or null and why; either until {@code until}. */
    private record Kept(OcspAnswer answer, Unchecked failure, Instant until) {
    }

    private final ExternalOcspClient client;
    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Map<String, Instant> silentUntil = new ConcurrentHashMap<>();

    /** @param keepFor how long an answer is kept for its certificate (at most until its nextUpdate) */
    public ExternalOcsp(ExternalOcspClient.Settings settings, Duration keepFor, Clock clock) {
        this.client = new ExternalOcspClient(settings, clock);
        this.keepFor = keepFor;
        this.clock = clock;
    }

    /** Asks the first responders {@code certificate} names until one gives a usable answer. */
    Outcome ask(X509Certificate certificate, X509Certificate issuer) {
        List<StatusReport.NotChecked> failures = new ArrayList<>();
        for (String url : ExternalOcspClient.responders(certificate).stream().limit(MAX_RESPONDERS).toList()) {
            Kept answer = answer(url, certificate, issuer);
            if (answer.answer() != null) {
                return new Outcome(answer.answer(), failures);
            }
            failures.add(new StatusReport.NotChecked("OCSP", url, answer.failure()));
        }
        return new Outcome(null, failures);
    }

    private Kept answer(String url, X509Certificate certificate, X509Certificate issuer) {
        Instant now = clock.instant();
        String certId = url + " " + HexFormat.of().formatHex(Certificates.sha1(Certificates.subjectPublicKeyBits(
                issuer.getPublicKey()))) + " " + certificate.getSerialNumber().toString(16);
        Kept known = kept.get(certId);
        if (known != null && now.isBefore(known.until())) {
            return known;
        }
        Instant silent = silentUntil.get(url);
        if (silent != null && now.isBefore(silent)) {
            return new Kept(null, Unchecked.RESPONDER_UNREACHABLE, silent);
        }
        Kept asked = ask(url, certificate, issuer, now);
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(certId, asked);
        return asked;
    }

    private Kept ask(String url, X509Certificate certificate, X509Certificate issuer, Instant now) {
        try {
            OcspAnswer answer = client.ask(url, certificate, issuer);
            Instant until = now.plus(keepFor);
            if (answer.nextUpdate() != null && answer.nextUpdate().isBefore(until)) {
                until = answer.nextUpdate();
            }
            return new Kept(answer, null, until);
        } catch (UnusableOcspException e) {
            switch (e.reason()) {
                case RESPONDER_UNREACHABLE -> {
                    if (silentUntil.size() >= MAX_KEPT) {
                        silentUntil.clear();
                    }
                    silentUntil.put(url, now.plus(RETRY_AFTER));
                    log.info("OCSP responder {} not reached: {}", url, e.getMessage());
                }
                case RESPONSE_SIGNATURE_INVALID, WRONG_CERTIFICATE, NONCE_MISMATCH, RESPONSE_NOT_CURRENT,
                     RESPONSE_NOT_FRESH -> log.warn("OCSP answer from {} not believed: {}", url, e.getMessage());
                default -> log.info("OCSP answer from {} not used: {}", url, e.getMessage());
            }
            return new Kept(null, Unchecked.of(e.reason()), now.plus(RETRY_AFTER));
        } catch (RuntimeException e) {
            log.info("OCSP responder {} not asked: {}", url, e.toString());
            return new Kept(null, Unchecked.RESPONDER_ERROR, now.plus(RETRY_AFTER));
        }
    }
}
