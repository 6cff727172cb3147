package uz.eimzo.tsa.encoding;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.operator.ContentSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A granted reply written from bytes instead of Bouncy Castle's object trees. Everything that is the same in every
 * token of one signer (digest algorithms, the certificate, the signer identifier, the algorithm identifiers, the
 * content-type, algorithm-protection and ESS signing-certificate-v2 attributes, accuracy and TSA name) is taken, as
 * DER, from one token Bouncy Castle's generator made for that signer ({@link #learn}), so it cannot differ from what
 * the generator writes; per token only the TSTInfo, the message-digest and signing-time attributes, the signature and
 * the lengths around them are written. {@code TokenTemplateTest} checks the result is the generator's, byte for byte.
 * One template serves one thread (its digest and signer hold the token being made).
 */
final class TokenTemplate {

    private static final byte[] GRANTED = {0x30, 0x03, 0x02, 0x01, 0x00};
    private static final byte[] VERSION_1 = {0x02, 0x01, 0x01};
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final TokenSigner signer;
    private final ContentSigner contentSigner;
    private final MessageDigest contentDigest;
    private final byte[] signedDataVersion;
    private final byte[] digestAlgorithms;
    private final byte[] certificates;
    private final byte[] signerVersion;
    private final byte[] signerId;
    private final byte[] digestAlgorithm;
    private final byte[] signatureAlgorithm;
    private final List<byte[]> fixedAttributes;
    private final byte[] accuracy;
    private final byte[] tsaName;
    private final byte[] signedDataOid;
    private final byte[] tstInfoOid;

    private TokenTemplate(TokenSigner signer, SignedData sample) throws IOException {
        this.signer = signer;
        this.contentSigner = signer.reusableContentSigner();
        this.contentDigest = ImprintAlgorithm.of(Digests.contentDigestFor(signer.algorithm()).getAlgorithm())
                .orElseThrow().newDigest();
        SignerInfo info = SignerInfo.getInstance(sample.getSignerInfos().getObjectAt(0));
        signedDataVersion = der(sample.getVersion());
        digestAlgorithms = der(sample.getDigestAlgorithms());
        certificates = der(new DERTaggedObject(false, 0, sample.getCertificates()));
        signerVersion = der(info.getVersion());
        signerId = der(info.getSID());
        digestAlgorithm = der(info.getDigestAlgorithm());
        signatureAlgorithm = der(info.getDigestEncryptionAlgorithm());
        fixedAttributes = new ArrayList<>();
        for (ASN1Encodable encodable : info.getAuthenticatedAttributes()) {
            Attribute attribute = Attribute.getInstance(encodable);
            if (!attribute.getAttrType().equals(CMSAttributes.messageDigest)
                    && !attribute.getAttrType().equals(CMSAttributes.signingTime)) {
                fixedAttributes.add(der(attribute));
            }
        }
        TSTInfo tstInfo = TSTInfo.getInstance(ASN1OctetString.getInstance(sample.getEncapContentInfo().getContent())
                .getOctets());
        accuracy = tstInfo.getAccuracy() == null ? new byte[0] : der(tstInfo.getAccuracy());
        tsaName = tstInfo.getTsa() == null ? new byte[0] : der(new DERTaggedObject(true, 0, tstInfo.getTsa()));
        signedDataOid = der(ContentInfo.signedData);
        tstInfoOid = der(sample.getEncapContentInfo().getContentType());
    }

    /** The template of {@code signer}, from a reply its Bouncy Castle generator made with the certificate included. */
    static TokenTemplate learn(TokenSigner signer, byte[] sampleReply) {
        try {
            ContentInfo token = TimeStampResp.getInstance(sampleReply).getTimeStampToken();
            return new TokenTemplate(signer, SignedData.getInstance(token.getContent()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot learn the time-stamp token's fixed parts", e);
        }
    }

    boolean serves(TokenSigner signer) {
        return this.signer.equals(signer);
    }

    /** The DER of a granted {@code TimeStampResp} for the query, as Bouncy Castle's generator would write it. */
    byte[] grant(StampQuery query, BigInteger serial, Instant genTime) throws IOException {
        byte[] tstInfo = tstInfo(query, serial, genTime);
        byte[] digest = contentDigest.digest(tstInfo);
        List<byte[]> attributes = new ArrayList<>(fixedAttributes);
        attributes.add(tlv(0x30, der(CMSAttributes.messageDigest), tlv(0x31, tlv(0x04, digest))));
        attributes.add(tlv(0x30, der(CMSAttributes.signingTime), tlv(0x31, signingTime(genTime))));
        // DER orders a SET OF by the encodings of its elements.
        attributes.sort(Arrays::compareUnsigned);
        byte[] signedAttributes = tlv(0x31, attributes.toArray(byte[][]::new));
        OutputStream out = contentSigner.getOutputStream();
        out.write(signedAttributes);
        byte[] signature = contentSigner.getSignature();
        signedAttributes[0] = (byte) 0xA0; // [0] IMPLICIT in the SignerInfo
        byte[] signerInfo = tlv(0x30, signerVersion, signerId, digestAlgorithm, signedAttributes, signatureAlgorithm,
                tlv(0x04, signature));
        byte[] content = tlv(0x30, tstInfoOid, tlv(0xA0, tlv(0x04, tstInfo)));
        byte[] signedData = query.certReq()
                ? tlv(0x30, signedDataVersion, digestAlgorithms, content, certificates, tlv(0x31, signerInfo))
                : tlv(0x30, signedDataVersion, digestAlgorithms, content, tlv(0x31, signerInfo));
        return tlv(0x30, GRANTED, tlv(0x30, signedDataOid, tlv(0xA0, signedData)));
    }

    private byte[] tstInfo(StampQuery query, BigInteger serial, Instant genTime) throws IOException {
        byte[] imprint = tlv(0x30, der(query.request().getMessageImprintAlgID()), tlv(0x04, query.imprint()));
        byte[] nonce = query.nonce() == null ? new byte[0] : tlv(0x02, query.nonce().toByteArray());
        return tlv(0x30, VERSION_1, der(query.policy()), imprint, tlv(0x02, serial.toByteArray()),
                tlv(0x18, generalizedTime(genTime)), accuracy, nonce, tsaName);
    }

    /** CMS Time as the generator writes the current time: UTCTime until 2049, GeneralizedTime from 2050. */
    private static byte[] signingTime(Instant time) {
        int year = time.atOffset(ZoneOffset.UTC).getYear();
        return year < 2050
                ? tlv(0x17, (UTC_TIME.format(time) + "Z").getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, (GENERALIZED_SECONDS.format(time) + "Z").getBytes(StandardCharsets.US_ASCII));
    }

    /** Milliseconds with trailing zeros (and a bare point) removed, as the generator writes them. */
    private static byte[] generalizedTime(Instant time) {
        StringBuilder text = new StringBuilder(GENERALIZED.format(time));
        while (text.charAt(text.length() - 1) == '0') {
            text.setLength(text.length() - 1);
        }
        if (text.charAt(text.length() - 1) == '.') {
            text.setLength(text.length() - 1);
        }
        return text.append('Z').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] der(ASN1Encodable value) throws IOException {
        return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    }

    /** Tag, definite length and the parts' bytes one after the other. */
    private static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        int lengthBytes = length < 0x80 ? 1 : length < 0x100 ? 2 : length < 0x10000 ? 3 : 4;
        byte[] out = new byte[1 + lengthBytes + length];
        out[0] = (byte) tag;
        if (lengthBytes == 1) {
            out[1] = (byte) length;
        } else {
            out[1] = (byte) (0x80 | (lengthBytes - 1));
            for (int i = lengthBytes - 1; i >= 1; i--) {
                out[1 + i] = (byte) length;
                length >>>= 8;
            }
        }
        int at = 1 + lengthBytes;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
