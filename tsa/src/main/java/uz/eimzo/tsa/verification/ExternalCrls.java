package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uz.eimzo.ca.x509.ExternalCrlReader;
import uz.eimzo.ca.x509.UnusableCrlException;

import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of a certificate a recognised external CA issued, from that CA's CRL: fetched over plain HTTP from the
 * distribution points in the certificate (whose signature the chain has already verified, so the URL is the CA's own
 * word), within a timeout and a size limit, believed only when its issuer's key verifies it and it is current. Kept
 * until its next update (at most {@link #MAX_KEEP}); a point that failed is not asked again for {@link #RETRY_AFTER},
 * so a dead CRL server costs one timeout, not one per request. When no CRL can be read the status is
 * {@code NOT_CHECKED} with each point's reason: never guessed. Fetching and believing a CRL is
 * {@link ExternalCrlReader}'s; which points to ask, keeping answers and backing off is this class's.
 */
public final class ExternalCrls {

    private static final Logger log = LoggerFactory.getLogger(ExternalCrls.class);
    static final Duration MAX_KEEP = Duration.ofMinutes(15);
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    /** Distribution points tried per certificate, and CRLs kept: bounds what a certificate can make us do. */
    private static final int MAX_POINTS = 2;
    private static final int MAX_KEPT = 256;

    /** A CRL read and checked, or null and why for a point that failed; either until {@code until}. */
    private record Kept(X509CRL crl, Unchecked failure, Instant until) {
    }

    private final ExternalCrlReader reader;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /**
     * @param timeout  for connecting and for the whole answer
     * @param maxBytes a larger CRL is not read
     */
    public ExternalCrls(Duration timeout, int maxBytes, Clock clock) {
        this.reader = new ExternalCrlReader(timeout, maxBytes, clock);
        this.clock = clock;
    }

    /**
     * The certificate's status at {@code reference} and now, per its issuer's CRL; not checked, with each point's
     * reason, when none can be read.
     */
    StatusReport status(X509Certificate certificate, X509Certificate issuer, Instant reference) {
        List<StatusReport.NotChecked> failed = new ArrayList<>();
        for (String url : distributionPoints(certificate)) {
            Kept kept = crl(url, issuer);
            if (kept.crl() != null) {
                return report(url, kept.crl(), kept.crl().getRevokedCertificate(certificate), reference).after(failed);
            }
            failed.add(new StatusReport.NotChecked("CRL", url, kept.failure()));
        }
        return StatusReport.notChecked(failed);
    }

    private static StatusReport report(String url, X509CRL crl, X509CRLEntry entry, Instant reference) {
        StatusReport.Answered answered = new StatusReport.Answered(url, crl.getThisUpdate().toInstant(),
                crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant());
        if (entry == null) {
            return StatusReport.external("CRL", answered, reference, null, null, null);
        }
        CRLReason reason = entry.getRevocationReason();
        return StatusReport.external("CRL", answered, reference, entry.getRevocationDate().toInstant(),
                invalidityDate(entry), reason == null ? null : reason.ordinal());
    }

    private Kept crl(String url, X509Certificate issuer) {
        Instant now = clock.instant();
        Kept known = kept.get(url);
        if (known != null && now.isBefore(known.until())) {
            return known.crl() == null || issuedBy(known.crl(), issuer) ? known
                    : new Kept(null, Unchecked.CRL_INVALID, known.until());
        }
        Kept fetched = fetch(url, issuer, now);
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(url, fetched);
        return fetched;
    }

    private Kept fetch(String url, X509Certificate issuer, Instant now) {
        try {
            X509CRL crl = reader.read(url, issuer).crl();
            return new Kept(crl, null, crl.getNextUpdate() == null ? now.plus(MAX_KEEP)
                    : min(crl.getNextUpdate().toInstant(), now.plus(MAX_KEEP)));
        } catch (UnusableCrlException e) {
            switch (e.reason()) {
                case WRONG_ISSUER, FORGED, NOT_CURRENT -> log.warn("CRL at {} not believed: {}", url, e.getMessage());
                default -> log.info("CRL at {} not read: {}", url, e.getMessage());
            }
            return new Kept(null, Unchecked.of(e.reason()), now.plus(RETRY_AFTER));
        } catch (RuntimeException e) {
            log.info("CRL at {} not read: {}", url, e.toString());
            return new Kept(null, Unchecked.CRL_UNREACHABLE, now.plus(RETRY_AFTER));
        }
    }

    private static boolean issuedBy(X509CRL crl, X509Certificate issuer) {
        try {
            ExternalCrlReader.checkIssuedBy(crl, issuer);
            return true;
        } catch (UnusableCrlException e) {
            return false;
        }
    }

    /** The plain http URLs of the certificate's CRL distribution points, the first few. */
    static List<String> distributionPoints(X509Certificate certificate) {
        return ExternalCrlReader.distributionPoints(certificate).stream()
                .filter(ExternalCrlReader::isPlainHttp).limit(MAX_POINTS).toList();
    }

    private static Instant invalidityDate(X509CRLEntry entry) {
        byte[] value = entry.getExtensionValue(Extension.invalidityDate.getId());
        try {
            return value == null ? null
                    : ASN1GeneralizedTime.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getDate().toInstant();
        } catch (Exception malformed) {
            return null;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
