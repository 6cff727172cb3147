package uz.eimzo.ca.authority;

import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditEvent;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.DnAttribute;

import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Arrays;

/** The CA lifecycle of a key ceremony: create a root, create an issuing CA under it, import an existing CA. */
public final class Authorities {

    /** Certifies CA keys; implemented by issuance so that the lint-record-sign order holds for CAs too. */
    public interface CaCertifier {
        X509Certificate selfSign(String name, List<DnAttribute> subject, KeyPlace.NewKey key, Period validity, String actor);

        X509Certificate issueSubordinate(CertificateAuthority parent, List<DnAttribute> subject, KeyPlace.NewKey key,
                                         Period validity, String actor);
    }

    private final CaDirectory directory;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final CaCertifier signer;

    public Authorities(CaDirectory directory, TransactionTemplate tx, AuditLog audit, CaCertifier signer) {
        this.directory = directory;
        this.tx = tx;
        this.audit = audit;
        this.signer = signer;
    }

    public CertificateAuthority createRoot(String name, List<DnAttribute> subject, KeyAlgorithm algorithm,
                                           Period validity, KeyPlace storage, String actor) {
        requireFreeName(name);
        KeyPlace.NewKey key = storage.generate(algorithm);
        X509Certificate certificate = signer.selfSign(name, subject, key, validity, actor);
        String reference = key.keep(name, List.of(certificate));
        return register(name, certificate, null, reference, algorithm, actor, "ca.root.create");
    }

    public CertificateAuthority createIssuing(String parentName, String name, List<DnAttribute> subject,
                                              KeyAlgorithm algorithm, Period validity, KeyPlace storage, String actor) {
        requireFreeName(name);
        CertificateAuthority parent = directory.require(parentName);
        KeyPlace.NewKey key = storage.generate(algorithm);
        X509Certificate certificate = signer.issueSubordinate(parent, subject, key, validity, actor);
        String reference = key.keep(name, List.of(certificate, parent.certificate()));
        return register(name, certificate, parent.id(), reference, algorithm, actor, "ca.issuing.create");
    }

    /** Registers a CA whose certificate exists and whose key is already in a configured storage. */
    public CertificateAuthority importCa(String name, X509Certificate certificate, String parentName,
                                         KeyPlace storage, String alias, String actor) {
        requireFreeName(name);
        directory.all().stream().filter(ca -> ca.certificate().equals(certificate)).findFirst().ifPresent(ca -> {
            throw new AuthorityException("ca.duplicate", "This certificate is already registered as CA " + ca.name());
        });
        KeyPlace.FoundKey key = storage.find(alias);
        if (!Arrays.equals(key.publicKey().getEncoded(), certificate.getPublicKey().getEncoded())) {
            throw new AuthorityException("ca.keyMismatch", "The key " + alias + " does not match the certificate's public key");
        }
        if (certificate.getBasicConstraints() < 0) {
            throw new AuthorityException("ca.notCa", "The certificate is not a CA certificate (no basicConstraints cA)");
        }
        Integer parentId = null;
        if (parentName != null) {
            CertificateAuthority parent = directory.require(parentName);
            try {
                certificate.verify(parent.certificate().getPublicKey());
            } catch (Exception e) {
                throw new AuthorityException("ca.notSignedByParent", "The certificate is not signed by " + parentName);
            }
            parentId = parent.id();
        }
        return register(name, certificate, parentId, key.reference(), key.algorithm(), actor, "ca.import");
    }

    /**
     * Recognises an external CA from its certificate alone: a self-signed root must verify under its own key, any
     * other CA under the key of a CA already recognised. Expired certificates are accepted (an incumbent's old
     * issuing CA still anchors its holders' history); the validity is recorded and listed.
     */
    public RecognisedCa recognise(String name, X509Certificate certificate, String actor) {
        requireFreeName(name);
        RecognisedCas recognised = directory.recognised();
        if (certificate.getBasicConstraints() < 0) {
            throw new AuthorityException("ca.notCa", "The certificate is not a CA certificate (no basicConstraints cA)");
        }
        recognised.byCertificate(certificate).ifPresent(ca -> {
            throw new AuthorityException("ca.duplicate", "This certificate is already recognised as CA " + ca.name());
        });
        directory.all().stream().filter(ca -> ca.certificate().equals(certificate)).findFirst().ifPresent(ca -> {
            throw new AuthorityException("ca.duplicate", "This certificate is already registered as CA " + ca.name());
        });
        Integer issuerId = null;
        if (certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            if (!RecognisedCas.signedBy(certificate, certificate)) {
                throw new AuthorityException("ca.badSignature",
                        "The self-signed certificate's signature does not verify under its own key");
            }
        } else {
            List<RecognisedCa> candidates = recognised.candidateIssuers(certificate);
            if (candidates.isEmpty()) {
                throw new AuthorityException("ca.issuerNotRecognised", "The issuer "
                        + certificate.getIssuerX500Principal().getName() + " is not a recognised CA: recognise it first");
            }
            issuerId = recognised.issuerOf(certificate).map(RecognisedCa::id).orElseThrow(() ->
                    new AuthorityException("ca.badSignature", "The certificate's signature does not verify under "
                            + "the key of the recognised CA " + candidates.getFirst().name()));
        }
        Integer issuer = issuerId;
        return tx.execute(status -> {
            int id = recognised.insert(name, certificate, issuer, actor);
            audit.record(AuditEvent.success(actor, "ca.recognise", name, Map.of(
                    "subject", certificate.getSubjectX500Principal().getName(),
                    "sha256", HexFormat.of().formatHex(Certificates.sha256(Certificates.der(certificate))))));
            return recognised.byId(id).orElseThrow();
        });
    }

    public List<CertificateAuthority> list() {
        return directory.all();
    }

    private void requireFreeName(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new AuthorityException("ca.name", "CA name must be 1-40 lower-case letters, digits or hyphens");
        }
        if (directory.byName(name).isPresent() || directory.recognised().byName(name).isPresent()) {
            throw new AuthorityException("ca.exists", "A CA named " + name + " already exists");
        }
    }

    private CertificateAuthority register(String name, X509Certificate certificate, Integer parentId, String reference,
                                          KeyAlgorithm algorithm, String actor, String action) {
        return tx.execute(status -> {
            int id = directory.insert(name, certificate, parentId, reference, algorithm);
            audit.record(AuditEvent.success(actor, action, name, Map.of(
                    "subject", certificate.getSubjectX500Principal().getName(),
                    "keyReference", reference,
                    "sha256", HexFormat.of().formatHex(Certificates.sha256(Certificates.der(certificate))))));
            return directory.byId(id).orElseThrow();
        });
    }
}
