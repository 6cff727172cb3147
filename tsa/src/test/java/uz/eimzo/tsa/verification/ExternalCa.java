package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import uz.eimzo.ca.keys.InMemorySigningKey;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.KeyContentSigner;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CA of another centre, made in the test with Bouncy Castle: its self-signed root, holders whose certificates name
 * an OCSP responder (AIA) and a CRL distribution point, a delegated OCSP responder certificate, and its CRLs.
 */
final class ExternalCa {

    private static final SecureRandom RANDOM = new SecureRandom();

    final X500Name name;
    final KeyPair keys;
    final X509Certificate certificate;
    private final KeyAlgorithm algorithm;
    private final AtomicLong serials = new AtomicLong(0x1000);

    ExternalCa(String name, KeyAlgorithm algorithm) throws Exception {
        this.name = new X500Name(name);
        this.algorithm = algorithm;
        this.keys = algorithm.generate(RANDOM);
        Instant now = Instant.now();
        this.certificate = sign(new JcaX509v3CertificateBuilder(this.name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), this.name,
                keys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)));
    }

    /**
     * A holder whose certificate names {@code ocspUrl} in its AIA (when not null) and {@code crlUrl} as its CRL
     * distribution point (when not null). Serials are even-length hex, as openssl's index keeps them.
     */
    SignedFixtures.Holder holder(String ocspUrl, String crlUrl) throws Exception {
        KeyPair holderKeys = algorithm.generate(RANDOM);
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serials.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=Boshqa Markaz Mijozi " + serials.get() + ",C=UZ"), holderKeys.getPublic());
        if (ocspUrl != null) {
            naming(builder, ocspUrl);
        }
        if (crlUrl != null) {
            distributing(builder, crlUrl);
        }
        X509Certificate issued = sign(builder);
        return new SignedFixtures.Holder(holderKeys, issued, List.of(issued));
    }

    /** A TSA certificate this CA issues, naming {@code ocspUrl} in its AIA: extended key usage timeStamping only, critical. */
    X509Certificate timeStamping(KeyPair tsaKeys, String ocspUrl) throws Exception {
        Instant now = Instant.now();
        return sign(naming(new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serials.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=Boshqa Markaz TSA,C=UZ"), tsaKeys.getPublic()), ocspUrl)
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping)));
    }

    private static X509v3CertificateBuilder naming(X509v3CertificateBuilder builder, String ocspUrl) throws Exception {
        return builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                new AccessDescription(AccessDescription.id_ad_ocsp,
                        new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl))));
    }

    /** A delegated OCSP responder certificate this CA issues: extended key usage id-kp-OCSPSigning only. */
    X509Certificate responder(KeyPair responderKeys) throws Exception {
        return responder(responderKeys, false, null);
    }

    /**
     * A delegated OCSP responder certificate, with id-pkix-ocsp-nocheck when {@code noCheck}, naming {@code crlUrl} as
     * its CRL distribution point when not null.
     */
    X509Certificate responder(KeyPair responderKeys, boolean noCheck, String crlUrl) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serials.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name("CN=Boshqa Markaz OCSP " + serials.get() + ",C=UZ"), responderKeys.getPublic())
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
        if (noCheck) {
            builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
        }
        if (crlUrl != null) {
            distributing(builder, crlUrl);
        }
        return sign(builder);
    }

    private static void distributing(X509v3CertificateBuilder builder, String crlUrl) throws Exception {
        GeneralName url = new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl);
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                new DistributionPoint(new DistributionPointName(new GeneralNames(url)), null, null)}));
    }

    /** A current CRL of this CA listing {@code revoked}, revoked at {@code revokedAt}. */
    byte[] crl(Instant revokedAt, X509Certificate... revoked) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(now.minus(Duration.ofMinutes(1))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        for (X509Certificate certificate : revoked) {
            builder.addCRLEntry(certificate.getSerialNumber(), Date.from(revokedAt), CRLReason.keyCompromise);
        }
        return builder.build(new KeyContentSigner(InMemorySigningKey.of(keys))).getEncoded();
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new KeyContentSigner(InMemorySigningKey.of(keys))));
    }
}
