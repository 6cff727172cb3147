package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import uz.eimzo.ca.x509.DnAttribute;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies each signer of a {@link SignedDocument}: signature and content, time-stamp token, chain, validity and
 * status at the signing time, and the verdict that follows. Never throws for what the document contains.
 */
public final class DocumentVerifier {

    private final TrustAnchors anchors;
    private final ChainStatus statuses;
    private final TimeStampCheck timeStamps;
    private final Clock clock;

    /** @param external the status of certificates external CAs issued, from their OCSP responders and CRLs */
    public DocumentVerifier(TrustAnchors anchors, CertificateRecords records, ExternalStatus external, Clock clock) {
        this.anchors = anchors;
        this.statuses = new ChainStatus(records, external);
        this.timeStamps = new TimeStampCheck(anchors, statuses);
        this.clock = clock;
    }

    public DocumentVerification verify(SignedDocument document) {
        Instant now = clock.instant();
        List<X509Certificate> carried = new ArrayList<>();
        for (X509CertificateHolder holder : document.certificates()) {
            try {
                carried.add(new JcaX509CertificateConverter().getCertificate(holder));
            } catch (Exception unreadable) {
                // The JDK cannot read it (e.g. an algorithm nobody installed): it cannot be a link of a chain.
            }
        }
        List<SignerVerification> results = new ArrayList<>();
        for (SignerInformation signer : document.signers()) {
            results.add(verify(results.size(), signer, carried, now));
        }
        return new DocumentVerification(document, List.copyOf(results), now);
    }

    private SignerVerification verify(int index, SignerInformation signer, List<X509Certificate> carried, Instant now) {
        Instant claimed = claimedSigningTimeOf(signer);
        X509Certificate certificate = carried.stream().filter(c -> signer.getSID().match(holder(c))).findFirst().orElse(null);
        if (certificate == null) {
            return new SignerVerification(index, signer, null, null, false,
                    "the document does not carry the signer's certificate", claimed, null, null, now, false,
                    StatusReport.notChecked(), null, Verdict.UNKNOWN_CHAIN);
        }
        SignerVerification.SignerIdentity identity = identity(certificate);
        Verdict signature = signatureVerdict(signer, certificate);
        TimeStampVerification timeStamp = timeStamps.check(signer, carried).orElse(null);
        Instant signingTime = timeStamp != null && timeStamp.verified() ? timeStamp.genTime() : null;
        Instant reference = signingTime != null ? signingTime : now;
        CertificateChain chain = anchors.chainOf(certificate, carried);
        boolean validThen = chain.certificates().stream().allMatch(c -> validAt(c, reference));
        StatusReport status = statuses.of(chain, certificate, reference);
        Verdict verdict = signature != null ? signature
                : verdict(chain, timeStamp, signingTime != null, validThen, status);
        String problem = signature != null ? signature.text() : verdict.holds() ? null : verdict.text();
        return new SignerVerification(index, signer, certificate, chain, signature == null, problem, claimed, timeStamp,
                signingTime, reference, validThen, status, identity, verdict);
    }

    private static Verdict verdict(CertificateChain chain, TimeStampVerification timeStamp, boolean provenTime,
                                   boolean validThen, StatusReport status) {
        if (!chain.anchored()) {
            return Verdict.UNKNOWN_CHAIN;
        }
        if (status.now() == CertificateState.NOT_IN_RECORDS) {
            return Verdict.NOT_IN_RECORDS;
        }
        if (timeStamp != null && !timeStamp.verified()) {
            return Verdict.TIME_STAMP_INVALID;
        }
        if (!validThen) {
            return Verdict.CERTIFICATE_EXPIRED;
        }
        if (status.atSigningTime() == CertificateState.REVOKED) {
            return provenTime ? Verdict.REVOKED_BEFORE_SIGNING : Verdict.REVOKED_SIGNING_TIME_UNPROVEN;
        }
        if (status.atSigningTime() == CertificateState.SUSPENDED) {
            return Verdict.SUSPENDED_AT_SIGNING;
        }
        if (status.now() == CertificateState.REVOKED) {
            return Verdict.REVOKED_AFTER_SIGNING;
        }
        return status.now() == CertificateState.NOT_CHECKED ? Verdict.VALID_STATUS_NOT_CHECKED : Verdict.VALID;
    }

    /** Null when the signature verifies over this content; otherwise which of the two failures it is. */
    private static Verdict signatureVerdict(SignerInformation signer, X509Certificate certificate) {
        try {
            return signer.verify(CmsVerifiers.forKey(certificate.getPublicKey())) ? null : Verdict.SIGNATURE_INVALID;
        } catch (CMSSignerDigestMismatchException wrongContent) {
            return Verdict.CONTENT_MISMATCH;
        } catch (Exception | StackOverflowError unverifiable) {
            return Verdict.SIGNATURE_INVALID;
        }
    }

    private static boolean validAt(X509Certificate certificate, Instant time) {
        return !time.isBefore(certificate.getNotBefore().toInstant()) && !time.isAfter(certificate.getNotAfter().toInstant());
    }

    static Instant claimedSigningTimeOf(SignerInformation signer) {
        try {
            Attribute attribute = signer.getSignedAttributes() == null ? null
                    : signer.getSignedAttributes().get(CMSAttributes.signingTime);
            return attribute == null ? null : Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        } catch (Exception malformed) {
            return null;
        }
    }

    private static X509CertificateHolder holder(X509Certificate certificate) {
        try {
            return new X509CertificateHolder(certificate.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static SignerVerification.SignerIdentity identity(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        List<String> policies = new ArrayList<>();
        try {
            byte[] extension = certificate.getExtensionValue(Extension.certificatePolicies.getId());
            if (extension != null) {
                CertificatePolicies read = CertificatePolicies.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets());
                for (PolicyInformation policy : read.getPolicyInformation()) {
                    policies.add(policy.getPolicyIdentifier().getId());
                }
            }
        } catch (Exception malformed) {
            policies.clear();
        }
        return new SignerVerification.SignerIdentity(certificate.getSubjectX500Principal().getName(),
                attribute(subject, DnAttribute.PINFL), attribute(subject, DnAttribute.ORGANISATION_STIR),
                attribute(subject, DnAttribute.UID), List.copyOf(policies));
    }

    static String attribute(X500Name name, String oid) {
        RDN[] rdns = name.getRDNs(new ASN1ObjectIdentifier(oid));
        if (rdns.length == 0) {
            return null;
        }
        ASN1Encodable value = rdns[0].getFirst().getValue();
        return IETFUtils.valueToString(value);
    }
}
