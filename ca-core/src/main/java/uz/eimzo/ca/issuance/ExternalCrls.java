package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.RecognisedCa;
import uz.eimzo.ca.x509.CrlEncoder;
import uz.eimzo.ca.x509.MalformedInputException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Whether a recognised external CA has revoked the certificate its holder presents for renewal, from that CA's CRL:
 * the one the centre configured for it (an http(s) URL or a file), else the ones the certificate's CRL distribution
 * points name (when allowed). A CRL counts only when the recognised CA's key verifies it, it names that CA as issuer
 * and its nextUpdate has not passed; when a CRL is known but none counts, the renewal is refused rather than
 * waved through (a revoked holder must not migrate because a fetch failed). With no CRL known at all, nothing is
 * checked, and the caller is told so.
 */
public final class ExternalCrls {

    /** Larger CRLs are not read (the national CA's CRL is far smaller). */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    private final Map<String, String> configured;
    private final boolean distributionPoints;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param configured         CRL source per recognised CA name: an http(s) URL or a file path
     * @param distributionPoints whether a certificate's own CRL distribution points are fetched when none is configured
     * @param timeout            how long one fetch may take
     */
    public ExternalCrls(Map<String, String> configured, boolean distributionPoints, Duration timeout, Clock clock) {
        this.configured = Map.copyOf(configured);
        this.distributionPoints = distributionPoints;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** No CRL is ever consulted: for callers that check revocation elsewhere, and tests of other rules. */
    public static ExternalCrls none(Clock clock) {
        return new ExternalCrls(Map.of(), false, Duration.ofSeconds(1), clock);
    }

    /** The outcome of a check that did not refuse: which CRL showed the certificate not revoked, or none known. */
    public record Checked(String source) {
        public static final Checked NO_CRL = new Checked(null);
    }

    /**
     * Refuses with {@code external.revoked} when a CRL of {@code ca} lists {@code presented}, and with
     * {@code external.crlUnavailable} when CRLs are known but none could be fetched and trusted.
     */
    public Checked check(RecognisedCa ca, X509Certificate presented) {
        List<String> sources = sources(ca, presented);
        if (sources.isEmpty()) {
            return Checked.NO_CRL;
        }
        List<String> problems = new ArrayList<>();
        for (String source : sources) {
            X509CRL crl;
            try {
                crl = trusted(ca, read(source));
            } catch (IOException | RuntimeException | GeneralSecurityException unusable) {
                problems.add(source + ": " + unusable.getMessage());
                continue;
            }
            if (crl.getRevokedCertificate(presented.getSerialNumber()) != null) {
                throw new IssuanceException("external.revoked", "The certificate was revoked by " + ca.name()
                        + " (its CRL from " + source + " lists serial " + presented.getSerialNumber().toString(16) + ")");
            }
            return new Checked(source);
        }
        throw new IssuanceException("external.crlUnavailable", "The revocation status at " + ca.name()
                + " cannot be checked now (" + String.join("; ", problems) + "); try again later");
    }

    private List<String> sources(RecognisedCa ca, X509Certificate presented) {
        String source = configured.get(ca.name());
        if (source != null && !source.isBlank()) {
            return List.of(source.strip());
        }
        return distributionPoints ? CrlEncoder.distributionPoints(presented) : List.of();
    }

    private X509CRL trusted(RecognisedCa ca, byte[] encoded) throws GeneralSecurityException {
        X509CRL crl;
        try {
            crl = CrlEncoder.parse(der(encoded));
        } catch (MalformedInputException e) {
            throw new GeneralSecurityException("not a CRL");
        }
        if (!crl.getIssuerX500Principal().equals(ca.certificate().getSubjectX500Principal())) {
            throw new GeneralSecurityException("issued by " + crl.getIssuerX500Principal().getName() + ", not by " + ca.name());
        }
        crl.verify(ca.certificate().getPublicKey());
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(clock.instant())) {
            throw new GeneralSecurityException("out of date since " + crl.getNextUpdate().toInstant());
        }
        return crl;
    }

    private byte[] read(String source) throws IOException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL).build()) {
                HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(URI.create(source)).timeout(timeout)
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = answer.body()) {
                    if (answer.statusCode() != 200) {
                        throw new IOException("HTTP " + answer.statusCode());
                    }
                    return limited(body.readNBytes(MAX_BYTES + 1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        Path file = Path.of(source);
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }

    private static byte[] limited(byte[] bytes) throws IOException {
        if (bytes.length > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return bytes;
    }

    /** DER as is; PEM ({@code -----BEGIN X509 CRL-----}) decoded. */
    private static byte[] der(byte[] encoded) {
        String text = new String(encoded, StandardCharsets.US_ASCII);
        if (!text.startsWith("-----BEGIN")) {
            return encoded;
        }
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z0-9 ]+-----", "").strip());
    }
}
