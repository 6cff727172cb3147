package uz.eimzo.tsa.attachment;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import uz.eimzo.tsa.encoding.ImprintAlgorithm;
import uz.eimzo.tsa.stamping.TimeStamper;
import uz.eimzo.tsa.verification.MalformedDocumentException;
import uz.eimzo.tsa.verification.SignedDocument;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stamps signers' signature values with our own TSA and returns the PKCS#7 with the tokens as unsigned attributes.
 * A signer that already carries a token is left as it is. The token's imprint uses the signer's own digest algorithm
 * when the TSA accepts it (O'z DSt 1106 for a GOST-UZ signer), else SHA-256. The signature is not verified first:
 * a token proves only that these signature bytes existed at that time.
 */
public final class TokenAttacher {

    private static final int NONCE_BITS = 64;

    private final TimeStamper stamper;
    private final SecureRandom random = new SecureRandom();

    public TokenAttacher(TimeStamper stamper) {
        this.stamper = stamper;
    }

    /**
     * @param document the PKCS#7 read (content not needed)
     * @param only     the index of the one signer to stamp, or null for every signer without a token
     * @return the new PKCS#7 and the signers stamped (with their token)
     */
    public Attached attach(SignedDocument document, Integer only) throws StampRefusedException, MalformedDocumentException {
        if (only != null && (only < 0 || only >= document.signers().size())) {
            throw new MalformedDocumentException("tsa.document.noSuchSigner", only);
        }
        List<SignerInformation> signers = new ArrayList<>();
        List<Stamped> stamped = new ArrayList<>();
        for (int i = 0; i < document.signers().size(); i++) {
            SignerInformation signer = document.signers().get(i);
            if ((only == null || only == i) && !hasToken(signer)) {
                TimeStampToken token = token(signer);
                signer = withToken(signer, token);
                stamped.add(new Stamped(i, signer, token, certificate(document, signer)));
            }
            signers.add(signer);
        }
        CMSSignedData replaced = CMSSignedData.replaceSigners(document.cms(), new SignerInformationStore(signers));
        try {
            return new Attached(replaced.getEncoded("DER"), List.copyOf(stamped));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode the time-stamped PKCS#7", e);
        }
    }

    /** The re-encoded PKCS#7 (DER) and the signers that got a token. */
    public record Attached(byte[] cms, List<Stamped> stamped) {
    }

    /**
     * @param index       the signer's position in the document
     * @param certificate the signer's certificate when the document carries it, else null
     */
    public record Stamped(int index, SignerInformation signer, TimeStampToken token, X509Certificate certificate) {

        public Instant genTime() {
            return token.getTimeStampInfo().getGenTime().toInstant();
        }

        public String serialHex() {
            return token.getTimeStampInfo().getSerialNumber().toString(16);
        }
    }

    private static X509Certificate certificate(SignedDocument document, SignerInformation signer)
            throws MalformedDocumentException {
        X509CertificateHolder holder = document.certificateOf(signer).orElse(null);
        try {
            return holder == null ? null : new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new MalformedDocumentException("tsa.input.certificate");
        }
    }

    private static boolean hasToken(SignerInformation signer) {
        return signer.getUnsignedAttributes() != null
                && signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null;
    }

    private TimeStampToken token(SignerInformation signer) throws StampRefusedException {
        ImprintAlgorithm algorithm = ImprintAlgorithm.of(signer.getDigestAlgorithmID().getAlgorithm())
                .orElse(ImprintAlgorithm.SHA256);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(new AlgorithmIdentifier(algorithm.oid()),
                algorithm.newDigest().digest(signer.getSignature()), new BigInteger(NONCE_BITS, random));
        try {
            TimeStamper.Reply reply = stamper.stamp(request.getEncoded());
            if (reply.refusal() != null) {
                TimeStampResponse refused = new TimeStampResponse(reply.body());
                throw new StampRefusedException(reply.refusal(), refused.getStatusString());
            }
            TimeStampResponse response = new TimeStampResponse(reply.body());
            response.validate(request);
            return response.getTimeStampToken();
        } catch (StampRefusedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Our own time-stamp reply does not match its request", e);
        }
    }

    private static SignerInformation withToken(SignerInformation signer, TimeStampToken token) {
        AttributeTable unsigned = signer.getUnsignedAttributes() != null ? signer.getUnsignedAttributes()
                : new AttributeTable(new ASN1EncodableVector());
        Attribute attribute = new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                new DERSet(token.toCMSSignedData().toASN1Structure()));
        ASN1EncodableVector attributes = unsigned.toASN1EncodableVector();
        attributes.add(attribute);
        return SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attributes));
    }
}
