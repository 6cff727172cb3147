package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DisplayText;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierId;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.UserNotice;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

/** The DER to-be-signed part of a certificate, built from a {@link CertificateContent} and its issuer. */
public final class TbsCertificate {

    private final CertificateContent content;
    private final TBSCertificate tbs;
    private final PublicKey issuerKey;
    private final String signatureAlgorithm;

    private TbsCertificate(CertificateContent content, TBSCertificate tbs, PublicKey issuerKey, String signatureAlgorithm) {
        this.content = content;
        this.tbs = tbs;
        this.issuerKey = issuerKey;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /**
     * Builds the TBS certificate.
     *
     * @param issuer             the issuing CA's certificate, or null for a self-signed root
     * @param issuerKey          the key that will sign (the subject's own for a root)
     * @param signatureAlgorithm JCA name of the algorithm that will sign
     */
    public static TbsCertificate build(CertificateContent content, X509Certificate issuer, PublicKey issuerKey,
                                       String signatureAlgorithm) {
        try {
            X500Name subject = Names.encode(content.subject());
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(content.publicKey().getEncoded());
            SubjectPublicKeyInfo issuerSpki = SubjectPublicKeyInfo.getInstance(issuerKey.getEncoded());
            BcX509ExtensionUtils utils = new BcX509ExtensionUtils();

            V3TBSCertificateGenerator generator = new V3TBSCertificateGenerator();
            generator.setSerialNumber(new ASN1Integer(content.serial()));
            generator.setSignature(algorithmIdentifier(signatureAlgorithm));
            generator.setIssuer(issuerName);
            generator.setStartDate(time(content.notBefore()));
            generator.setEndDate(time(content.notAfter()));
            generator.setSubject(subject);
            generator.setSubjectPublicKeyInfo(spki);

            ExtensionsGenerator extensions = new ExtensionsGenerator();
            if (content.ca()) {
                BasicConstraints constraints = content.pathLength() == null
                        ? new BasicConstraints(true) : new BasicConstraints(content.pathLength());
                extensions.addExtension(Extension.basicConstraints, true, constraints);
            }
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsageBits(content)));
            if (!content.extendedKeyUsage().isEmpty()) {
                KeyPurposeId[] purposes = content.extendedKeyUsage().stream()
                        .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toArray(KeyPurposeId[]::new);
                extensions.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(purposes));
                if (content.extendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                    // A delegated responder's own status is never checked (RFC 6960 4.2.2.2.1): its validity is short.
                    extensions.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
                }
            }
            if (!content.policies().isEmpty()) {
                extensions.addExtension(Extension.certificatePolicies, !content.ca(), policies(content));
            }
            SubjectKeyIdentifier ski = utils.createSubjectKeyIdentifier(spki);
            extensions.addExtension(Extension.subjectKeyIdentifier, false, ski);
            byte[] authorityKeyId = issuer == null ? ski.getKeyIdentifier() : authorityKeyIdOf(issuer, issuerSpki, utils);
            extensions.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
            ASN1EncodableVector access = new ASN1EncodableVector();
            if (content.ocspUrl() != null) {
                access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(content.ocspUrl())));
            }
            if (content.caIssuersUrl() != null) {
                access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(content.caIssuersUrl())));
            }
            if (access.size() > 0) {
                extensions.addExtension(Extension.authorityInfoAccess, false,
                        AuthorityInformationAccess.getInstance(new DERSequence(access)));
            }
            if (content.crlUrl() != null) {
                DistributionPoint point = new DistributionPoint(
                        new DistributionPointName(new GeneralNames(uri(content.crlUrl()))), null, null);
                extensions.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{point}));
            }
            if (content.freshestCrlUrl() != null) {
                DistributionPoint point = new DistributionPoint(
                        new DistributionPointName(new GeneralNames(uri(content.freshestCrlUrl()))), null, null);
                extensions.addExtension(Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[]{point}));
            }
            if (!content.dnsNames().isEmpty()) {
                GeneralName[] names = content.dnsNames().stream()
                        .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            generator.setExtensions(extensions.generate());
            return new TbsCertificate(content, generator.generateTBSCertificate(), issuerKey, signatureAlgorithm);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode certificate extensions", e);
        }
    }

    private static byte[] authorityKeyIdOf(X509Certificate issuer, SubjectPublicKeyInfo issuerSpki, BcX509ExtensionUtils utils) {
        byte[] ext = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (ext != null) {
            return SubjectKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
        }
        return utils.createSubjectKeyIdentifier(issuerSpki).getKeyIdentifier();
    }

    private static int keyUsageBits(CertificateContent content) {
        int bits = 0;
        for (KeyUsageBit bit : content.keyUsage()) {
            bits |= switch (bit) {
                case DIGITAL_SIGNATURE -> KeyUsage.digitalSignature;
                case NON_REPUDIATION -> KeyUsage.nonRepudiation;
                case KEY_ENCIPHERMENT -> KeyUsage.keyEncipherment;
                case DATA_ENCIPHERMENT -> KeyUsage.dataEncipherment;
                case KEY_AGREEMENT -> KeyUsage.keyAgreement;
                case KEY_CERT_SIGN -> KeyUsage.keyCertSign;
                case CRL_SIGN -> KeyUsage.cRLSign;
            };
        }
        return bits;
    }

    private static CertificatePolicies policies(CertificateContent content) {
        PolicyInformation[] infos = content.policies().stream().map(p -> {
            ASN1EncodableVector qualifiers = new ASN1EncodableVector();
            if (p.cpsUri() != null) {
                qualifiers.add(new PolicyQualifierInfo(p.cpsUri()));
            }
            if (p.userNotice() != null) {
                qualifiers.add(new PolicyQualifierInfo(PolicyQualifierId.id_qt_unotice,
                        new UserNotice(null, new DisplayText(DisplayText.CONTENT_TYPE_UTF8STRING, p.userNotice()))));
            }
            return qualifiers.size() == 0
                    ? new PolicyInformation(new ASN1ObjectIdentifier(p.oid()))
                    : new PolicyInformation(new ASN1ObjectIdentifier(p.oid()), new DERSequence(qualifiers));
        }).toArray(PolicyInformation[]::new);
        return new CertificatePolicies(infos);
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, new DERIA5String(url));
    }

    /** UTCTime through 2049 and GeneralizedTime after, as RFC 5280 4.1.2.5 requires. */
    private static Time time(Instant instant) {
        return new Time(Date.from(instant), Locale.ROOT);
    }

    static AlgorithmIdentifier algorithmIdentifier(String signatureAlgorithm) {
        return SignatureAlgorithms.identifier(signatureAlgorithm);
    }

    public CertificateContent content() {
        return content;
    }

    public BigInteger serial() {
        return content.serial();
    }

    public PublicKey issuerKey() {
        return issuerKey;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The DER bytes a signer signs. */
    public byte[] encoded() {
        try {
            return tbs.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    TBSCertificate asn1() {
        return tbs;
    }
}
