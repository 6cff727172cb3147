package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * An answer of the service signed so that a relying party can later prove what it said: a CMS SignedData (RFC 5652)
 * that carries the answer's bytes (id-data), signed by the TSA key with signed attributes content type, message digest
 * (in the key's own hash, as tokens are) and signing time, and the TSA certificate. Its eContentType is id-data, so it
 * can never pass for a time-stamp token (id-ct-TSTInfo).
 */
public final class SignedAnswers {

    private SignedAnswers() {
    }

    /** DER of the SignedData over {@code content}, stating {@code at} as its signing time. */
    public static byte[] sign(TokenSigner signer, byte[] content, Instant at) {
        try {
            X509CertificateHolder certificate = new X509CertificateHolder(signer.certificate().getEncoded());
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(at)))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new SignerInfoGeneratorBuilder(Digests.INSTANCE)
                    .setContentDigest(Digests.contentDigestFor(signer.algorithm()))
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(signer.contentSigner(), certificate));
            generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded("DER");
        } catch (IOException | CMSException | CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign the answer", e);
        }
    }
}
