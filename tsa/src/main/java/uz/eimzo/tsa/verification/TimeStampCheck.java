package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import uz.eimzo.tsa.encoding.ImprintAlgorithm;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Arrays;

/**
 * Checks a signer's time-stamp token as RFC 3161 and RFC 5816 ask: the token's own signature by a certificate whose
 * only, critical extended key usage is timeStamping (Bouncy Castle's validate), the imprint being the hash of the
 * signer's signature value, and the TSA certificate chaining to a CA we recognise, valid and not revoked at the
 * token's time (from our records, or from the external CA's OCSP responder or CRL as for its signers).
 */
final class TimeStampCheck {

    private static final Set<ASN1ObjectIdentifier> IMPRINT_ALGORITHMS = Arrays.stream(ImprintAlgorithm.values())
            .map(ImprintAlgorithm::oid).collect(Collectors.toUnmodifiableSet());

    private final TrustAnchors anchors;
    private final ChainStatus statuses;

    TimeStampCheck(TrustAnchors anchors, ChainStatus statuses) {
        this.anchors = anchors;
        this.statuses = statuses;
    }

    /** The signer's token checked, or empty when the signer carries none. */
    Optional<TimeStampVerification> check(SignerInformation signer, List<X509Certificate> carried) {
        if (signer.getUnsignedAttributes() == null) {
            return Optional.empty();
        }
        Attribute attribute = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return Optional.empty();
        }
        TimeStampToken token;
        try {
            token = new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
        } catch (Exception e) {
            return Optional.of(failed(null, TokenProblem.NOT_A_TOKEN.found()));
        }
        return Optional.of(check(token, signer.getSignature(), carried));
    }

    private TimeStampVerification check(TimeStampToken token, byte[] signature, List<X509Certificate> carried) {
        TimeStampTokenInfo info = token.getTimeStampInfo();
        Instant genTime = info.getGenTime().toInstant();
        Optional<ImprintAlgorithm> algorithm = ImprintAlgorithm.of(info.getMessageImprintAlgOID());
        if (algorithm.isEmpty()) {
            return result(token, TokenProblem.IMPRINT_ALGORITHM_NOT_ACCEPTED.with(info.getMessageImprintAlgOID()),
                    false, null, null);
        }
        if (!MessageDigest.isEqual(algorithm.get().newDigest().digest(signature), info.getMessageImprintDigest())) {
            return result(token, TokenProblem.OTHER_SIGNATURE.found(), false,
                    null, null);
        }
        return verified(token, genTime, carried);
    }

    /** The token's own signature and its TSA certificate, once its imprint is known to be this signature's. */
    private TimeStampVerification verified(TimeStampToken token, Instant genTime, List<X509Certificate> carried) {
        Collection<X509CertificateHolder> own = token.getCertificates().getMatches(token.getSID());
        if (own.isEmpty()) {
            return result(token, TokenProblem.NO_TSA_CERTIFICATE.found(), null, null);
        }
        X509Certificate tsa;
        try {
            X509CertificateHolder holder = own.iterator().next();
            tsa = new JcaX509CertificateConverter().getCertificate(holder);
            // Bouncy Castle allows only the imprint hashes it knows unless told; ours include the national one.
            token.validate(CmsVerifiers.forCertificate(tsa), IMPRINT_ALGORITHMS);
        } catch (Exception e) {
            return result(token, TokenProblem.SIGNATURE_INVALID.with(e.getMessage()), null, null);
        }
        List<X509Certificate> pool = new ArrayList<>(carried);
        for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
            try {
                pool.add(new JcaX509CertificateConverter().getCertificate(holder));
            } catch (Exception ignored) {
                // An unreadable extra certificate cannot be a link of the chain.
            }
        }
        CertificateChain chain = anchors.chainOf(tsa, pool);
        if (!chain.anchored()) {
            return result(token, TokenProblem.UNKNOWN_CHAIN.found(), chain, null);
        }
        for (X509Certificate link : chain.certificates()) {
            if (genTime.isBefore(link.getNotBefore().toInstant()) || genTime.isAfter(link.getNotAfter().toInstant())) {
                return result(token, TokenProblem.CHAIN_NOT_VALID_AT_TIME.found(), chain, null);
            }
        }
        // A TSA certified by another centre is asked about as that centre's signers are: its OCSP responder, its CRL.
        StatusReport status = statuses.of(chain, tsa, genTime);
        if (status.atSigningTime() == CertificateState.REVOKED || status.atSigningTime() == CertificateState.SUSPENDED
                || status.atSigningTime() == CertificateState.NOT_IN_RECORDS) {
            return result(token, TokenProblem.TSA_CERTIFICATE_NOT_GOOD.with(status.atSigningTime()), chain, status);
        }
        return result(token, null, chain, status);
    }

    /** A token whose imprint is this signature's, with what checking the rest found. */
    private static TimeStampVerification result(TimeStampToken token, TokenProblem.Found problem,
                                                CertificateChain chain, StatusReport status) {
        return result(token, problem, true, chain, status);
    }

    private static TimeStampVerification result(TimeStampToken token, TokenProblem.Found problem,
                                                boolean imprintMatches, CertificateChain chain, StatusReport status) {
        TimeStampTokenInfo info = token.getTimeStampInfo();
        return new TimeStampVerification(token, problem, info.getGenTime().toInstant(), info.getPolicy().getId(),
                info.getSerialNumber(), info.getMessageImprintAlgOID().getId(), info.getMessageImprintDigest(),
                imprintMatches, chain, status);
    }

    private static TimeStampVerification failed(TimeStampToken token, TokenProblem.Found problem) {
        return new TimeStampVerification(token, problem, null, null, null, null, null, false, null, null);
    }
}
