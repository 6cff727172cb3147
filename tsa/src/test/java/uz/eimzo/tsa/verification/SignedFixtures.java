package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.operator.ContentSigner;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.KeyContentSigner;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.tsa.encoding.Digests;
import uz.eimzo.tsa.encoding.ImprintAlgorithm;

import java.io.OutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** CMS documents for the tests, made with Bouncy Castle as a signing client would. */
public final class SignedFixtures {

    private SignedFixtures() {
    }

    /** A signer: the key pair and the certificate our CA (or another) issued for it, with its chain. */
    public record Holder(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
    }

    /** Signs {@code content} with signed attributes (content type, message digest, signing time) in the key's digest. */
    public static byte[] sign(Holder holder, byte[] content, boolean attached) throws Exception {
        return sign(holder, content, attached, new KeyContentSigner(InMemorySigningKey.of(holder.keys())));
    }

    /**
     * Signs as a GOST-UZ client may that names the algorithm in the SignerInfo by the key's OID (O'z DSt 1092
     * public key) rather than by the signature's.
     */
    public static byte[] signNamingTheKeyOid(Holder holder, byte[] content) throws Exception {
        KeyContentSigner signer = new KeyContentSigner(InMemorySigningKey.of(holder.keys()));
        AlgorithmIdentifier keyOid = new AlgorithmIdentifier(new ASN1ObjectIdentifier(UzDst.KEY_OID));
        return sign(holder, content, true, new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return keyOid;
            }

            @Override
            public OutputStream getOutputStream() {
                return signer.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return signer.getSignature();
            }
        });
    }

    private static byte[] sign(Holder holder, byte[] content, boolean attached, ContentSigner signer) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(Digests.INSTANCE)
                .setContentDigest(new AlgorithmIdentifier(digestOf(holder).oid()))
                .build(signer, new X509CertificateHolder(holder.certificate().getEncoded())));
        generator.addCertificates(new JcaCertStore(holder.chain()));
        return generator.generate(new CMSProcessableByteArray(content), attached).getEncoded();
    }

    public static ImprintAlgorithm digestOf(Holder holder) {
        return switch (KeyAlgorithm.of(holder.certificate().getPublicKey()).orElseThrow()) {
            case GOST_UZ -> ImprintAlgorithm.UZDST1106;
            case EC_P384 -> ImprintAlgorithm.SHA384;
            default -> ImprintAlgorithm.SHA256;
        };
    }

    /** The document with one bit of the first signer's signature value flipped. */
    public static byte[] flipSignatureBit(byte[] cms) throws Exception {
        SignerInformation signer = new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next();
        byte[] signature = signer.getSignature();
        int at = indexOf(cms, signature);
        byte[] flipped = cms.clone();
        flipped[at + signature.length / 2] ^= 0x01;
        return flipped;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("signature not found in the encoding");
    }

    /** {@code cms} with its first signer given the unsigned attributes (e.g. the token) of {@code donor}'s first signer. */
    public static byte[] withUnsignedAttributesOf(byte[] cms, byte[] donor) throws Exception {
        CMSSignedData target = new CMSSignedData(cms);
        SignerInformation signer = target.getSignerInfos().getSigners().iterator().next();
        SignerInformation from = new CMSSignedData(donor).getSignerInfos().getSigners().iterator().next();
        SignerInformation grafted = SignerInformation.replaceUnsignedAttributes(signer, from.getUnsignedAttributes());
        return CMSSignedData.replaceSigners(target, new SignerInformationStore(grafted)).getEncoded();
    }

    /** A CA nobody recognises and a holder it certified: a chain to nowhere. */
    public static Holder strangerHolder() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPair caKeys = KeyAlgorithm.EC_P256.generate(random);
        X500Name caName = new X500Name("CN=Stranger Root CA,O=Nowhere,C=UZ");
        Instant now = Instant.now();
        X509Certificate ca = certificate(new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(1),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), caName,
                caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)), caKeys);
        KeyPair holderKeys = KeyAlgorithm.EC_P256.generate(random);
        X509Certificate holder = certificate(new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(2),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=Begona Shaxs,C=UZ"), holderKeys.getPublic()), caKeys);
        return new Holder(holderKeys, holder, List.of(holder, ca));
    }

    private static X509Certificate certificate(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new KeyContentSigner(InMemorySigningKey.of(issuer))));
    }
}
