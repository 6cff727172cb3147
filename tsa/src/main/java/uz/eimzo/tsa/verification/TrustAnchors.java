package uz.eimzo.tsa.verification;

import uz.eimzo.ca.x509.SignatureChecks;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The CAs a chain may end in: ours and the recognised external ones, read from the database and kept for
 * {@code refresh} (CAs change rarely; a verification should not cost two queries), and read again whenever a chain
 * ends nowhere, so a CA added since is found at once. A certificate is attributed to a
 * CA only when that CA's key verifies its signature; a matching name is not enough.
 */
public final class TrustAnchors {

    /** Longer chains than this are not built: no hierarchy here is deeper, and a loop must end. */
    static final int MAX_DEPTH = 6;

    private record Snapshot(Instant loaded, List<Anchor> anchors) {
    }

    private final TrustAnchorStore store;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    public TrustAnchors(TrustAnchorStore store, Clock clock, Duration refresh) {
        this.store = store;
        this.clock = clock;
        this.refresh = refresh;
    }

    /**
     * Builds the chain of {@code certificate} to an anchor, through intermediates the document carries when needed.
     * Each link is a verified signature.
     */
    public CertificateChain chainOf(X509Certificate certificate, List<X509Certificate> carried) {
        CertificateChain chain = build(certificate, carried);
        if (!chain.anchored()) {
            // A CA recognised or created since the last read would otherwise be unknown until the refresh: read again.
            snapshot = null;
            chain = build(certificate, carried);
        }
        return chain;
    }

    private CertificateChain build(X509Certificate certificate, List<X509Certificate> carried) {
        List<X509Certificate> chain = new ArrayList<>(List.of(certificate));
        X509Certificate at = certificate;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Anchor anchor = issuingAnchor(at);
            if (anchor != null) {
                Anchor root = anchor;
                chain.add(anchor.certificate());
                for (int up = 0; root.parentId() != null && up < MAX_DEPTH; up++) {
                    Anchor parent = byId(root.kind(), root.parentId());
                    if (parent == null) {
                        break;
                    }
                    chain.add(parent.certificate());
                    root = parent;
                }
                return new CertificateChain(List.copyOf(chain), depth == 0 ? anchor : null, root);
            }
            X509Certificate next = issuerAmong(at, carried);
            if (next == null) {
                break;
            }
            chain.add(next);
            at = next;
        }
        return new CertificateChain(List.copyOf(chain), null, null);
    }

    private Anchor issuingAnchor(X509Certificate certificate) {
        for (Anchor anchor : anchors()) {
            // Ours first (listed first): a CA both operated and recognised is ours, and its records are checked.
            if (issues(anchor.certificate(), certificate)) {
                return anchor;
            }
        }
        return null;
    }

    private static X509Certificate issuerAmong(X509Certificate certificate, List<X509Certificate> candidates) {
        for (X509Certificate candidate : candidates) {
            if (!candidate.equals(certificate) && candidate.getBasicConstraints() >= 0 && issues(candidate, certificate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean issues(X509Certificate issuer, X509Certificate certificate) {
        return issuer.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && !issuer.equals(certificate)
                && SignatureChecks.issuerSignatureVerifies(certificate, issuer.getPublicKey());
    }

    private Anchor byId(Anchor.Kind kind, int id) {
        return anchors().stream().filter(a -> a.kind() == kind && a.id() == id).findFirst().orElse(null);
    }

    List<Anchor> anchors() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.loaded().plus(refresh)) || now.isBefore(current.loaded())) {
            current = new Snapshot(now, store.load());
            snapshot = current;
        }
        return current.anchors();
    }
}
