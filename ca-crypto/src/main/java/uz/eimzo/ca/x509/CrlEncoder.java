package uz.eimzo.ca.x509;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * Encodes a CRL (RFC 5280 5.1) one revoked entry at a time. Entries are kept only as their DER bytes (about
 * 40 octets each), never as objects, so a million-entry CRL is built in tens of megabytes; the TBS is then
 * handed to the CA key and {@link #assemble} wraps the signature around it.
 */
public final class CrlEncoder {

    /** CRLReason codes (RFC 5280 5.3.1) as they appear in reasonCode. */
    public static final int UNSPECIFIED = 0;
    public static final int CERTIFICATE_HOLD = 6;
    public static final int REMOVE_FROM_CRL = 8;

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Instant UTC_TIME_END = Instant.parse("2050-01-01T00:00:00Z");

    private final X509Certificate issuer;
    private final ByteArrayOutputStream entries = new ByteArrayOutputStream(1 << 16);
    private int count;

    public CrlEncoder(X509Certificate issuer) {
        this.issuer = issuer;
    }

    /**
     * Adds one revoked certificate.
     *
     * @param reason         CRLReason code; unspecified (0) or null leaves reasonCode out, as RFC 5280 asks
     * @param invalidityDate when the key is known or suspected to have been compromised, or null
     */
    public void add(BigInteger serial, Instant revocationDate, Integer reason, Instant invalidityDate) {
        try {
            ASN1EncodableVector entry = new ASN1EncodableVector(3);
            entry.add(new ASN1Integer(serial));
            entry.add(time(revocationDate));
            if ((reason != null && reason != UNSPECIFIED) || invalidityDate != null) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                if (reason != null && reason != UNSPECIFIED) {
                    extensions.addExtension(Extension.reasonCode, false, new ASN1Enumerated(reason));
                }
                if (invalidityDate != null) {
                    extensions.addExtension(Extension.invalidityDate, false, generalizedTime(invalidityDate));
                }
                entry.add(extensions.generate());
            }
            entries.write(new DERSequence(entry).getEncoded(ASN1Encoding.DER));
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int entries() {
        return count;
    }

    /**
     * The DER TBSCertList to sign.
     *
     * @param baseCrlNumber for a delta CRL the number of its base full CRL (deltaCRLIndicator), null for a full CRL
     * @param freshestCrlUrl for a full CRL, where its delta CRLs are published (freshestCRL), or null
     */
    public byte[] tbs(BigInteger crlNumber, BigInteger baseCrlNumber, Instant thisUpdate, Instant nextUpdate,
                      String signatureAlgorithm, String freshestCrlUrl) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(new ASN1Integer(1).getEncoded(ASN1Encoding.DER)); // v2
            head.write(TbsCertificate.algorithmIdentifier(signatureAlgorithm).getEncoded(ASN1Encoding.DER));
            head.write(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()).getEncoded(ASN1Encoding.DER));
            head.write(time(thisUpdate).getEncoded(ASN1Encoding.DER));
            head.write(time(nextUpdate).getEncoded(ASN1Encoding.DER));

            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(Certificates.subjectKeyId(issuer)));
            extensions.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            if (baseCrlNumber != null) {
                extensions.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(baseCrlNumber));
            } else if (freshestCrlUrl != null) {
                // Relying parties (openssl -use_deltas among them) look for deltas only when the base points to them.
                DistributionPoint point = new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, freshestCrlUrl))), null, null);
                extensions.addExtension(Extension.freshestCRL, false, new CRLDistPoint(new DistributionPoint[]{point}));
            }
            Extensions crlExtensions = extensions.generate();
            byte[] tail = new DERTaggedObject(true, 0, crlExtensions).getEncoded(ASN1Encoding.DER);

            // An empty revokedCertificates is omitted, not encoded as an empty SEQUENCE (RFC 5280 5.1.2.6).
            int entriesLength = entries.size();
            byte[] entriesHeader = count == 0 ? new byte[0] : header(0x30, entriesLength);
            int bodyLength = head.size() + entriesHeader.length + (count == 0 ? 0 : entriesLength) + tail.length;
            ByteArrayOutputStream tbs = new ByteArrayOutputStream(bodyLength + 8);
            tbs.write(header(0x30, bodyLength));
            head.writeTo(tbs);
            if (count > 0) {
                tbs.write(entriesHeader);
                entries.writeTo(tbs);
            }
            tbs.write(tail);
            return tbs.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CertificateList: TBS, algorithm and signature (in the JCA's encoding, which is X.509's). */
    public static byte[] assemble(byte[] tbs, String signatureAlgorithm, byte[] signature) {
        try {
            byte[] algorithm = TbsCertificate.algorithmIdentifier(signatureAlgorithm).getEncoded(ASN1Encoding.DER);
            byte[] bits = new DERBitString(signature).getEncoded(ASN1Encoding.DER);
            int length = tbs.length + algorithm.length + bits.length;
            byte[] header = header(0x30, length);
            byte[] crl = new byte[header.length + length];
            System.arraycopy(header, 0, crl, 0, header.length);
            System.arraycopy(tbs, 0, crl, header.length, tbs.length);
            System.arraycopy(algorithm, 0, crl, header.length + tbs.length, algorithm.length);
            System.arraycopy(bits, 0, crl, header.length + tbs.length + algorithm.length, bits.length);
            return crl;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code crl} is a CertificateList around exactly {@code tbs}, naming {@code signatureAlgorithm}, whose
     * signature verifies with {@code issuerKey}. Reads the DER envelope without building the entries, so a
     * million-entry CRL is checked in the memory it already takes.
     */
    public static boolean verifies(byte[] crl, byte[] tbs, String signatureAlgorithm, PublicKey issuerKey) {
        try {
            int[] list = tlv(crl, 0, 0x30);
            if (list[1] != crl.length) {
                return false;
            }
            int[] signed = tlv(crl, list[2], 0x30);
            if (!Arrays.equals(crl, signed[0], signed[1], tbs, 0, tbs.length)) {
                return false;
            }
            byte[] algorithm = TbsCertificate.algorithmIdentifier(signatureAlgorithm).getEncoded(ASN1Encoding.DER);
            int[] named = tlv(crl, signed[1], 0x30);
            if (!Arrays.equals(crl, signed[1], named[1], algorithm, 0, algorithm.length)) {
                return false;
            }
            int[] bits = tlv(crl, named[1], 0x03);
            if (bits[1] != crl.length || crl[bits[2]] != 0) {
                return false;
            }
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(issuerKey);
            verifier.update(crl, signed[0], signed[1] - signed[0]);
            return verifier.verify(Arrays.copyOfRange(crl, bits[2] + 1, bits[1]));
        } catch (Exception e) {
            // Malformed, truncated, an unknown algorithm or a key of the wrong kind: it does not verify.
            return false;
        }
    }

    /** The DER element at {@code at}: {start, end, contentStart}; throws unless it has the tag and fits. */
    private static int[] tlv(byte[] der, int at, int tag) {
        if (der[at] != (byte) tag) {
            throw new IllegalArgumentException("Expected tag " + tag + " at " + at);
        }
        int first = der[at + 1] & 0xff;
        int length;
        int content;
        if (first < 0x80) {
            length = first;
            content = at + 2;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 4) {
                throw new IllegalArgumentException("Unsupported length at " + at);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[at + 2 + i] & 0xff);
            }
            content = at + 2 + octets;
        }
        if (length < 0 || content + length > der.length) {
            throw new IllegalArgumentException("Length past the end at " + at);
        }
        return new int[]{at, content + length, content};
    }

    /** Parses a CRL with the JDK (for small CRLs and tests: the JDK keeps every entry as an object). */
    public static X509CRL parse(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CertificateException | CRLException e) {
            throw new MalformedInputException("crl", "Not a CRL: " + e.getMessage(), e);
        }
    }

    private static ASN1Primitive time(Instant instant) {
        // UTCTime through 2049, GeneralizedTime after (RFC 5280 5.1.2.4).
        Instant seconds = instant.truncatedTo(ChronoUnit.SECONDS);
        return seconds.isBefore(UTC_TIME_END) ? new DERUTCTime(UTC_TIME.format(seconds)) : generalizedTime(seconds);
    }

    private static DERGeneralizedTime generalizedTime(Instant instant) {
        return new DERGeneralizedTime(GENERALIZED_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS)));
    }

    private static byte[] header(int tag, int length) {
        if (length < 0x80) {
            return new byte[]{(byte) tag, (byte) length};
        }
        int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] header = new byte[2 + octets];
        header[0] = (byte) tag;
        header[1] = (byte) (0x80 | octets);
        for (int i = 0; i < octets; i++) {
            header[2 + i] = (byte) (length >>> (8 * (octets - 1 - i)));
        }
        return header;
    }
}
