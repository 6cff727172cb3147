package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of a certificate a recognised external CA issued, from that CA's CRL: fetched over plain HTTP from the
 * distribution points in the certificate (whose signature the chain has already verified, so the URL is the CA's own
 * word), within a timeout and a size limit, believed only when its issuer's key verifies it and it is current. Kept
 * until its next update (at most {@link #MAX_KEEP}); a point that failed is not asked again for {@link #RETRY_AFTER},
 * so a dead CRL server costs one timeout, not one per request. When no CRL can be read the status is
 * {@code NOT_CHECKED}, as before: never guessed.
 */
public final class ExternalCrls {

    private static final Logger log = LoggerFactory.getLogger(ExternalCrls.class);
    static final Duration MAX_KEEP = Duration.ofMinutes(15);
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    /** Distribution points tried per certificate, and CRLs kept: bounds what a certificate can make us do. */
    private static final int MAX_POINTS = 2;
    private static final int MAX_KEPT = 256;

    /** A CRL read and checked, or null for a point that failed; either until {@code until}. */
    private record Kept(X509CRL crl, Instant until) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /**
     * @param timeout  for connecting and for the whole answer
     * @param maxBytes a larger CRL is not read
     */
    public ExternalCrls(Duration timeout, int maxBytes, Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** The certificate's status at {@code reference} and now, per its issuer's CRL; not checked when none can be read. */
    StatusReport status(X509Certificate certificate, X509Certificate issuer, Instant reference) {
        for (String url : distributionPoints(certificate)) {
            X509CRL crl = crl(url, issuer);
            if (crl != null) {
                return report(crl.getRevokedCertificate(certificate), reference);
            }
        }
        return StatusReport.notChecked();
    }

    private static StatusReport report(X509CRLEntry entry, Instant reference) {
        if (entry == null) {
            return new StatusReport("CRL", CertificateState.GOOD, CertificateState.GOOD, null, null, null, null);
        }
        Instant revokedAt = entry.getRevocationDate().toInstant();
        Instant invalidity = invalidityDate(entry);
        CRLReason reason = entry.getRevocationReason();
        CertificateState now = reason == CRLReason.CERTIFICATE_HOLD ? CertificateState.SUSPENDED : CertificateState.REVOKED;
        Instant since = invalidity != null && invalidity.isBefore(revokedAt) ? invalidity : revokedAt;
        CertificateState then = reference.isBefore(since) ? CertificateState.GOOD : now;
        return new StatusReport("CRL", then, now, revokedAt, invalidity, since, reason == null ? null : reason.ordinal());
    }

    private X509CRL crl(String url, X509Certificate issuer) {
        Instant now = clock.instant();
        Kept known = kept.get(url);
        if (known != null && now.isBefore(known.until())) {
            return known.crl() != null && issuedBy(known.crl(), issuer) ? known.crl() : null;
        }
        X509CRL crl = fetch(url, issuer, now);
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        Instant until = crl == null ? now.plus(RETRY_AFTER) : crl.getNextUpdate() == null ? now.plus(MAX_KEEP)
                : min(crl.getNextUpdate().toInstant(), now.plus(MAX_KEEP));
        kept.put(url, new Kept(crl, until));
        return crl;
    }

    private X509CRL fetch(String url, X509Certificate issuer, Instant now) {
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(maxBytes + 1);
            }
            if (response.statusCode() != 200 || body.length > maxBytes) {
                log.info("CRL at {} not read: HTTP {}, {} bytes (limit {})", url, response.statusCode(), body.length, maxBytes);
                return null;
            }
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
            boolean current = !crl.getThisUpdate().toInstant().isAfter(now.plus(Duration.ofMinutes(5)))
                    && (crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isBefore(now));
            if (!issuedBy(crl, issuer) || !current) {
                log.warn("CRL at {} not believed: {}", url, current ? "not signed by " + issuer.getSubjectX500Principal()
                        : "not current");
                return null;
            }
            return crl;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            log.info("CRL at {} not read: {}", url, e.toString());
            return null;
        }
    }

    private static boolean issuedBy(X509CRL crl, X509Certificate issuer) {
        try {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return false;
            }
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The http URLs of the certificate's CRL distribution points (full names), the first few. */
    static List<String> distributionPoints(X509Certificate certificate) {
        List<String> urls = new ArrayList<>();
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (extension == null) {
            return urls;
        }
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    String url = general.getTagNo() == GeneralName.uniformResourceIdentifier
                            ? general.getName().toString() : "";
                    if (url.toLowerCase(Locale.ROOT).startsWith("http://") && urls.size() < MAX_POINTS) {
                        urls.add(url);
                    }
                }
            }
        } catch (Exception malformed) {
            // A distribution point extension we cannot read names no CRL.
        }
        return urls;
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
