package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.RecognisedCa;
import uz.eimzo.ca.x509.ExternalCrlReader;
import uz.eimzo.ca.x509.UnusableCrlException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a recognised external CA has revoked the certificate its holder presents for renewal, from that CA's CRL:
 * the one the centre configured for it (an http(s) URL or a file), else the ones the certificate's CRL distribution
 * points name (when allowed). A CRL counts only when the recognised CA's key verifies it, it names that CA as issuer
 * and its nextUpdate has not passed; when a CRL is known but none counts, the renewal is refused rather than
 * waved through (a revoked holder must not migrate because a fetch failed). With no CRL known at all, nothing is
 * checked, and the caller is told so. Reading and believing a CRL is {@link ExternalCrlReader}'s; which sources to ask
 * and refusing when none counts is this class's.
 */
public final class ExternalCrls {

    /** Larger CRLs are not read (the national CA's CRL is far smaller). */
    public static final int MAX_BYTES = 32 * 1024 * 1024;

    private final Map<String, String> configured;
    private final boolean distributionPoints;
    private final ExternalCrlReader reader;

    /**
     * @param configured         CRL source per recognised CA name: an http(s) URL or a file path
     * @param distributionPoints whether a certificate's own CRL distribution points are fetched when none is configured
     * @param timeout            how long one fetch may take
     */
    public ExternalCrls(Map<String, String> configured, boolean distributionPoints, Duration timeout, Clock clock) {
        this.configured = Map.copyOf(configured);
        this.distributionPoints = distributionPoints;
        this.reader = new ExternalCrlReader(timeout, MAX_BYTES, clock);
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
                crl = reader.trusted(source, read(source), ca.certificate()).crl();
            } catch (IOException | UnusableCrlException | RuntimeException unusable) {
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
        return distributionPoints ? ExternalCrlReader.distributionPoints(presented) : List.of();
    }

    /** An http(s) source through the reader (bounded, no redirects), else a file the centre configured. */
    private byte[] read(String source) throws IOException, UnusableCrlException {
        if (ExternalCrlReader.isHttpUrl(source)) {
            return reader.fetch(source);
        }
        Path file = Path.of(source);
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }
}
