package uz.eimzo.ca.signing;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.TBSCertList;
import uz.eimzo.ca.authority.CertificateAuthority;
import uz.eimzo.ca.authority.KeyPlace;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.ca.x509.CrlEncoder;
import uz.eimzo.ca.x509.LintedTbs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The CA's keys behind one contract: it signs sealed, purpose-typed inputs only (a recorded certificate, a CRL, an
 * audit checkpoint, and through {@link CmpProtection} and {@link KeyProbe} a CMP answer and a health probe), in
 * whatever algorithm the CA's key has (GOST-UZ included), and checks every certificate, CRL, checkpoint and CMP
 * signature with the CA certificate's public key before returning it ({@link SignatureNotVerified} otherwise).
 * Nothing outside this package gets a key, a key storage or a JCA signature initialised with a CA key.
 */
public final class CaSigner {

    /** The first line of every audit checkpoint statement: what {@link #checkpoint} agrees to sign. */
    public static final String CHECKPOINT_HEADER = "E-IMZO audit checkpoint 2\n";

    private final List<KeyStorage> storages;
    private final KeyResolver keys;

    /** Over key storages opened elsewhere: the key ceremony's and tests'. */
    public CaSigner(List<KeyStorage> storages) {
        this.storages = List.copyOf(storages);
        this.keys = new KeyResolver(this.storages);
    }

    /** A CA node's signer, over the storages its settings name. */
    public static CaSigner from(KeyStorageSettings settings) {
        return new CaSigner(settings.open());
    }

    /** The storages this node was given, for creating CAs in them (the demo hierarchy, the ceremony). */
    public List<CaKeyStore> keyStores() {
        return storages.stream().map(CaKeyStore::new).toList();
    }

    /** The public key and signature algorithm a TBS issued by {@code ca} names; opens the key, so a dead token fails here. */
    public IssuerKey issuerKey(CertificateAuthority ca) {
        SigningKey key = open(ca);
        return new IssuerKey(key.publicKey(), key.signatureAlgorithm());
    }

    /**
     * Runs the caller's recording of a linted TBS and only when it returns vouches that the TBS is recorded: the one way
     * to a {@link RecordedTbs}.
     *
     * @param ca the issuing CA, or null for a self-signed root
     */
    public RecordedTbs record(LintedTbs linted, CertificateAuthority ca, Recording recording) {
        recording.record(linted);
        return new RecordedTbs(linted, ca);
    }

    /** Signs a recorded certificate with its issuing CA's key and checks the signature. */
    public X509Certificate certificate(RecordedTbs recorded) {
        if (recorded.ca() == null) {
            throw new IllegalArgumentException("A root certificate is signed by its new key: use selfSigned");
        }
        return CertificateSigner.sign(recorded, open(recorded.ca()));
    }

    /** Signs a recorded root certificate with the new key it certifies, made by one of this module's key stores. */
    public X509Certificate selfSigned(RecordedTbs recorded, KeyPlace.NewKey key) {
        if (!(key instanceof NewCaKey generated)) {
            throw new IllegalArgumentException("A root is self-signed only by a key a CaKeyStore generated");
        }
        if (recorded.ca() != null || !recorded.linted().tbs().content().publicKey().equals(generated.publicKey())) {
            throw new IllegalArgumentException("Only a root certificate of this very key is self-signed");
        }
        return CertificateSigner.sign(recorded, generated.key());
    }

    /**
     * Signs a CRL's TBSCertList (from {@link CrlEncoder#tbs}, in the algorithm {@link #issuerKey} named) and returns the
     * DER of the CRL once it verifies with the CA certificate's key. Anything that is not a TBSCertList of this CA in its
     * algorithm is refused unsigned.
     */
    public byte[] crl(CertificateAuthority ca, byte[] tbs) {
        SigningKey key = open(ca);
        requireCrlOf(ca, key, tbs);
        byte[] der = CrlEncoder.assemble(tbs, key.signatureAlgorithm(), key.sign(tbs));
        if (!CrlEncoder.verifies(der, tbs, key.signatureAlgorithm(), ca.certificate().getPublicKey())) {
            throw new SignatureNotVerified("The key of CA " + ca.name() + " produced a CRL signature that does not verify");
        }
        return der;
    }

    /** A checkpoint's signature and the algorithm that made it. */
    public record CheckpointSignature(String algorithm, byte[] signature) {
    }

    /**
     * Signs an audit checkpoint statement (it must begin with {@value #CHECKPOINT_HEADER}, so no other structure can be
     * passed off as one) and checks the signature with the CA certificate's key.
     */
    public CheckpointSignature checkpoint(CertificateAuthority ca, byte[] statement) {
        byte[] header = CHECKPOINT_HEADER.getBytes(StandardCharsets.US_ASCII);
        if (statement.length <= header.length || !Arrays.equals(statement, 0, header.length, header, 0, header.length)) {
            throw new IllegalArgumentException("Not an audit checkpoint statement");
        }
        SigningKey key = open(ca);
        byte[] signature = key.sign(statement);
        if (!verifies(ca.certificate().getPublicKey(), key.signatureAlgorithm(), statement, signature)) {
            throw new SignatureNotVerified("The key of CA " + ca.name()
                    + " produced a checkpoint signature that does not verify");
        }
        return new CheckpointSignature(key.signatureAlgorithm(), signature);
    }

    /** What the CMP server asks to protect its answers with the CA's key. */
    public CmpProtection cmpProtection() {
        return new CmpProtection(this);
    }

    /** What the health check asks whether each CA's key can sign. */
    public KeyProbe keyProbe() {
        return new KeyProbe(this);
    }

    SigningKey open(CertificateAuthority ca) {
        return keys.open(ca.keyReference());
    }

    static boolean verifies(PublicKey publicKey, String algorithm, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (Exception e) {
            // An unknown algorithm or a key of the wrong kind: it does not verify.
            return false;
        }
    }

    private static void requireCrlOf(CertificateAuthority ca, SigningKey key, byte[] tbs) {
        TBSCertList list = tbsCertList(tbs);
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        byte[] algorithm = Certificates.signatureAlgorithmIdentifier(key.signatureAlgorithm());
        if (!list.getIssuer().equals(issuer) || !Arrays.equals(encoded(list.getSignature()), algorithm)) {
            throw new IllegalArgumentException("The CRL is not one of CA " + ca.name() + " in its key's algorithm");
        }
    }

    private static TBSCertList tbsCertList(byte[] tbs) {
        try {
            return TBSCertList.getInstance(ASN1Primitive.fromByteArray(tbs));
        } catch (IOException | RuntimeException malformed) {
            throw new IllegalArgumentException("Not a CRL's TBSCertList", malformed);
        }
    }

    static byte[] encoded(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
