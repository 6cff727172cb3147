package uz.eimzo.ca.x509;

import uz.eimzo.ca.gost.UzDst;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** Assembling, parsing and fingerprinting certificates with JDK types on the outside. */
public final class Certificates {

    static {
        // Certificates and requests may carry O'z DSt 1092 keys: the JDK must find their provider.
        UzDst.install();
    }

    private Certificates() {
    }

    /** Joins a linted TBS and the signature over it into a certificate. */
    public static X509Certificate assemble(LintedTbs linted, byte[] signature) {
        return assemble(linted.tbs(), signature);
    }

    static X509Certificate assemble(TbsCertificate tbs, byte[] signature) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(tbs.asn1());
        v.add(TbsCertificate.algorithmIdentifier(tbs.signatureAlgorithm()));
        v.add(new DERBitString(signature));
        try {
            return parse(Certificate.getInstance(new DERSequence(v)).getEncoded("DER"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The DER AlgorithmIdentifier certificates, CRLs and OCSP responses carry for a JCA signature name,
     * national algorithms included: for modules that sign with their own Bouncy Castle code.
     */
    public static byte[] signatureAlgorithmIdentifier(String jcaName) {
        try {
            return SignatureAlgorithms.identifier(jcaName).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new MalformedInputException("certificate.malformed", "Not a valid X.509 certificate", e);
        }
    }

    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(X509Certificate certificate) {
        return Pem.encode(Pem.CERTIFICATE, der(certificate));
    }

    public static byte[] sha256(byte[] data) {
        return digest("SHA-256", data);
    }

    public static byte[] sha1(byte[] data) {
        return digest("SHA-1", data);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subjectPublicKey BIT STRING's contents, as OCSP key hashes and RFC 5280 key identifiers use it. */
    public static byte[] subjectPublicKeyBits(PublicKey key) {
        return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    }

    /** The subjectKeyIdentifier extension value, or the RFC 5280 method-1 hash when absent. */
    public static byte[] subjectKeyId(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue("2.5.29.14");
        if (ext != null) {
            return SubjectKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        }
        return sha1(subjectPublicKeyBits(certificate.getPublicKey()));
    }
}
