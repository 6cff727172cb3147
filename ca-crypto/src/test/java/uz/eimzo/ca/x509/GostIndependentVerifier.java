package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.cryptopro.CryptoProObjectIdentifiers;
import org.bouncycastle.asn1.cryptopro.ECGOST3410NamedCurves;
import org.bouncycastle.crypto.digests.GOST3411Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECGOST3410Signer;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * Checks O'z DSt 1092 signatures with Bouncy Castle's lightweight GOST classes straight from the DER,
 * sharing no code with {@code UzDstProvider}: the independent witness of the tests.
 */
public final class GostIndependentVerifier {

    private static final ECDomainParameters CURVE = new ECDomainParameters(
            ECGOST3410NamedCurves.getByOIDX9(CryptoProObjectIdentifiers.gostR3410_2001_CryptoPro_A));

    private GostIndependentVerifier() {
    }

    /** True when {@code certificate} carries the 2009 signature OID and its TBS verifies under the issuer's key. */
    public static boolean certificateVerifies(X509Certificate certificate, X509Certificate issuer) {
        try {
            Certificate c = Certificate.getInstance(certificate.getEncoded());
            Certificate i = Certificate.getInstance(issuer.getEncoded());
            return c.getSignatureAlgorithm().getAlgorithm().getId().equals("1.2.860.3.15.1.1.2.2.2.2")
                    && verify(c.getTBSCertificate().getEncoded("DER"), c.getSignature().getOctets(), i.getSubjectPublicKeyInfo());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the CRL's TBS verifies under the issuer's key. */
    public static boolean crlVerifies(X509CRL crl, X509Certificate issuer) {
        try {
            CertificateList c = CertificateList.getInstance(crl.getEncoded());
            Certificate i = Certificate.getInstance(issuer.getEncoded());
            return verify(c.getTBSCertList().getEncoded("DER"), c.getSignature().getOctets(), i.getSubjectPublicKeyInfo());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies s||r over data with the key in a DER SubjectPublicKeyInfo. */
    public static boolean verify(byte[] data, byte[] signature, byte[] subjectPublicKeyInfo) throws Exception {
        return verify(data, signature, SubjectPublicKeyInfo.getInstance(subjectPublicKeyInfo));
    }

    /** Verifies s||r over data with the key in a SubjectPublicKeyInfo (64-byte little-endian x||y OCTET STRING). */
    public static boolean verify(byte[] data, byte[] signature, SubjectPublicKeyInfo key) throws Exception {
        byte[] xy = ASN1OctetString.getInstance(key.getPublicKeyData().getOctets()).getOctets();
        var point = CURVE.getCurve().createPoint(littleEndian(Arrays.copyOfRange(xy, 0, 32)),
                littleEndian(Arrays.copyOfRange(xy, 32, 64)));
        GOST3411Digest digest = new GOST3411Digest();
        digest.update(data, 0, data.length);
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        ECGOST3410Signer signer = new ECGOST3410Signer();
        signer.init(false, new ECPublicKeyParameters(point, CURVE));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return signature.length == 64 && signer.verifySignature(hash, r, s);
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] big = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            big[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, big);
    }
}
