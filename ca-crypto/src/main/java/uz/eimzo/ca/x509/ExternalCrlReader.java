package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.x509.UnusableCrlException.Reason;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads another CA's CRL and says whether to believe it: the http(s) distribution points a certificate names, a
 * bounded fetch (no redirects, one timeout for connecting and the whole answer, a byte limit), DER or PEM, and a CRL
 * counts only when it names the issuer, the issuer's key verifies it (GOST-UZ through our provider) and it is
 * current by the injected clock. What to do with an unusable CRL (refuse, or leave the status unchecked), which
 * sources to ask and whether to keep answers is the caller's policy, not this class's.
 */
public final class ExternalCrlReader {

    /** A CRL whose thisUpdate is at most this far ahead of our clock is still current (clocks drift). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> PEM_LABELS = Set.of("X509 CRL", "CRL");

    /** A CRL from {@code source} that names the issuer, verifies under its key and is current. */
    public record TrustedCrl(String source, X509CRL crl) {
    }

    private final Duration timeout;
    private final int maxBytes;
    private final Clock clock;
    private final LazyHttpClient client;

    /**
     * @param timeout  for connecting and for the whole answer
     * @param maxBytes a larger CRL is not read
     */
    public ExternalCrlReader(Duration timeout, int maxBytes, Clock clock) {
        UzDst.install();
        this.timeout = timeout;
        this.client = new LazyHttpClient(timeout);
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * The http(s) URLs of a certificate's CRL distribution points (RFC 5280 4.2.1.13), in order; none when it has no
     * such extension or names its CRLs otherwise (LDAP, a directory name). A malformed extension names none.
     */
    public static List<String> distributionPoints(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (extension == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        try {
            CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                    String url = general.getTagNo() == GeneralName.uniformResourceIdentifier
                            ? general.getName().toString() : "";
                    if (isHttpUrl(url)) {
                        urls.add(url);
                    }
                }
            }
        } catch (RuntimeException malformed) {
            return List.of();
        }
        return List.copyOf(urls);
    }

    /** Whether {@code url} is plain http (not https), the scheme in any case. */
    public static boolean isPlainHttp(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("http://");
    }

    /** Whether {@code url} is http or https, the scheme in any case. */
    public static boolean isHttpUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Fetches, parses and checks the CRL at {@code url} against {@code issuer}. */
    public TrustedCrl read(String url, X509Certificate issuer) throws UnusableCrlException {
        return trusted(url, fetch(url), issuer);
    }

    /** Parses {@code encoded} (from {@code source}, for the record) and checks it against {@code issuer}. */
    public TrustedCrl trusted(String source, byte[] encoded, X509Certificate issuer) throws UnusableCrlException {
        if (encoded.length > maxBytes) {
            throw BoundedBody.tooLarge(maxBytes);
        }
        X509CRL crl = parse(encoded);
        checkIssuedBy(crl, issuer);
        checkCurrent(crl);
        return new TrustedCrl(source, crl);
    }

    /** The body of a 200 answer to a GET of {@code url}, at most {@code maxBytes} long, within the timeout. */
    public byte[] fetch(String url) throws UnusableCrlException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UnusableCrlException(Reason.NOT_HTTP, "not a URL: " + url, e);
        }
        if (!isHttpUrl(url) || uri.getHost() == null) {
            throw new UnusableCrlException(Reason.NOT_HTTP, "not an http(s) URL: " + url);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer = client.get().sendAsync(request, info ->
                info.statusCode() == 200 && info.headers().firstValueAsLong("Content-Length").orElse(0) <= maxBytes
                        ? new BoundedBody(maxBytes) : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response;
        try {
            response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UnusableCrlException(Reason.UNREACHABLE, "no answer within " + timeout, e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnusableCrlException(Reason.UNREACHABLE, "interrupted", e);
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof UnusableCrlException unusable) {
                    throw new UnusableCrlException(unusable.reason(), unusable.getMessage(), e);
                }
            }
            throw new UnusableCrlException(Reason.UNREACHABLE, String.valueOf(e.getCause()), e);
        }
        if (response.statusCode() != 200) {
            throw new UnusableCrlException(Reason.HTTP_STATUS, "HTTP " + response.statusCode());
        }
        if (response.body() == null) {
            throw BoundedBody.tooLarge(maxBytes);
        }
        return response.body();
    }

    /** A CRL from its DER or PEM ({@code -----BEGIN X509 CRL-----}). */
    public static X509CRL parse(byte[] encoded) throws UnusableCrlException {
        try {
            return CrlEncoder.parse(Pem.isPem(encoded) ? Pem.decode(encoded, PEM_LABELS) : encoded);
        } catch (MalformedInputException e) {
            throw new UnusableCrlException(Reason.NOT_A_CRL, "not a CRL", e);
        }
    }

    /** Throws unless {@code crl} names {@code issuer} as its issuer and {@code issuer}'s key verifies it. */
    public static void checkIssuedBy(X509CRL crl, X509Certificate issuer) throws UnusableCrlException {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new UnusableCrlException(Reason.WRONG_ISSUER, "issued by " + crl.getIssuerX500Principal().getName()
                    + ", not by " + issuer.getSubjectX500Principal().getName());
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UnusableCrlException(Reason.FORGED, "not signed by the key of "
                    + issuer.getSubjectX500Principal().getName(), e);
        }
    }

    /** Throws when {@code crl}'s nextUpdate has passed or its thisUpdate is more than {@link #CLOCK_SKEW} ahead. */
    public void checkCurrent(X509CRL crl) throws UnusableCrlException {
        Instant now = clock.instant();
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
            throw new UnusableCrlException(Reason.NOT_CURRENT, "out of date since " + crl.getNextUpdate().toInstant());
        }
        if (crl.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
            throw new UnusableCrlException(Reason.NOT_CURRENT, "dated in the future, " + crl.getThisUpdate().toInstant());
        }
    }
}
