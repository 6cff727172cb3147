package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.operator.OperatorCreationException;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Writes {@code TimeStampResp}: a granted one with a token signed by the TSA key, or a rejection. */
public final class TimeStampReplies {

    private TimeStampReplies() {
    }

    /**
     * Signs a token for an accepted query with this thread's template and returns the DER of the granted reply.
     * ordering is false, the accuracy is stated, the TSA names itself by its certificate's subject, and the
     * certificate is included when the request asked (certReq).
     *
     * @param signer the TSA key's signer ({@code uz.eimzo.tsa.signing} holds the key)
     */
    public static byte[] grant(TokenGenerators generators, StampQuery query, TokenSigner signer, BigInteger serial,
                               Instant genTime) {
        try {
            return generators.template(signer).grant(query, serial, genTime);
        } catch (IOException | RuntimeException e) {
            generators.discard();
            throw new IllegalStateException("Cannot sign a time-stamp token", e);
        }
    }

    /**
     * The same reply from Bouncy Castle's generator, which the template learns from and is compared with in tests.
     * Not TimeStampResponseGenerator: its checks know no national hash; TimeStampRequests has checked already.
     */
    static byte[] generated(TimeStampTokenGenerator generator, TimeStampRequest request, BigInteger serial,
                            Instant genTime) {
        try {
            TimeStampToken token = generator.generate(request, serial, Date.from(genTime));
            return new TimeStampResp(new PKIStatusInfo(PKIStatus.granted),
                    token.toCMSSignedData().toASN1Structure()).getEncoded("DER");
        } catch (IOException | TSPException e) {
            throw new IllegalStateException("Cannot sign a time-stamp token", e);
        }
    }

    /**
     * Bouncy Castle's generator of tokens signed by {@code signer}, for one thread: the signer buffers what it signs,
     * so a generator serves one token at a time.
     *
     * @param policy the policy of tokens whose request names none (a request's own policy takes its place)
     */
    static TimeStampTokenGenerator generator(TokenSigner signer, ASN1ObjectIdentifier policy, Duration accuracy) {
        X509Certificate certificate = signer.certificate();
        try {
            X509CertificateHolder holder = new X509CertificateHolder(certificate.getEncoded());
            SignerInfoGenerator signerInfo = new SignerInfoGeneratorBuilder(Digests.INSTANCE)
                    .setContentDigest(Digests.contentDigestFor(signer.algorithm()))
                    .build(signer.reusableContentSigner(), holder);
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo, Digests.sha256(), policy);
            tokens.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            if (accuracy.toSeconds() > 0) {
                tokens.setAccuracySeconds((int) Math.min(Integer.MAX_VALUE, accuracy.toSeconds()));
            }
            int millis = accuracy.toMillisPart();
            if (millis > 0) {
                tokens.setAccuracyMillis(millis);
            }
            tokens.setOrdering(false);
            tokens.setTSA(new GeneralName(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())));
            tokens.addCertificates(new JcaCertStore(List.of(certificate)));
            return tokens;
        } catch (IOException | TSPException | CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot prepare a time-stamp token generator", e);
        }
    }

    /** A rejection (PKIStatus 2) with one failure bit and a text. */
    public static byte[] refuse(Refusal refusal, String text) {
        PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(text),
                new PKIFailureInfo(refusal.failInfo()));
        try {
            return new TimeStampResp(status, null).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
