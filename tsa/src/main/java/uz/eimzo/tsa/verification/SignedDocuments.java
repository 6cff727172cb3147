package uz.eimzo.tsa.verification;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInformation;
import uz.eimzo.tsa.encoding.ImprintAlgorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;

/**
 * Reads a CMS/PKCS#7 SignedData (RFC 5652) with the content it signs: attached, detached with the content, or
 * detached with only the content's hash. Everything is parsed here, eagerly, so no lazily-decoded part can fail later
 * with an unchecked exception; every way the bytes can be wrong is a {@link MalformedDocumentException}.
 */
public final class SignedDocuments {

    /** More signers than this is not a document but an attempt to make verification expensive. */
    static final int MAX_SIGNERS = 16;

    private final int maxBytes;

    /** @param maxBytes larger signatures (content included when attached) are refused before parsing */
    public SignedDocuments(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param cms     the DER/BER SignedData (ContentInfo)
     * @param content the signed bytes for a detached signature, or null
     * @param hash    the signed bytes' hash for a detached signature, or null; with {@code hashAlgorithm}
     */
    public SignedDocument read(byte[] cms, byte[] content, ImprintAlgorithm hashAlgorithm, byte[] hash)
            throws MalformedDocumentException {
        return read(cms, content, hashAlgorithm, hash, true);
    }

    /** For adding time-stamp tokens: only the signatures matter, so a detached signature needs no content. */
    public SignedDocument readSignatures(byte[] cms) throws MalformedDocumentException {
        return read(cms, null, null, null, false);
    }

    private SignedDocument read(byte[] cms, byte[] content, ImprintAlgorithm hashAlgorithm, byte[] hash,
                                boolean contentNeeded) throws MalformedDocumentException {
        if (cms == null || cms.length == 0) {
            throw new MalformedDocumentException("tsa.document.missing");
        }
        if (cms.length > maxBytes) {
            throw new MalformedDocumentException("tsa.document.tooLarge", maxBytes);
        }
        if (content != null && hash != null) {
            throw new MalformedDocumentException("tsa.document.contentAndHash");
        }
        try {
            ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
            if (info == null || !info.getContentType().equals(CMSObjectIdentifiers.signedData)) {
                throw new MalformedDocumentException("tsa.document.notSignedData");
            }
            SignedData signedData = SignedData.getInstance(info.getContent());
            boolean attached = signedData.getEncapContentInfo().getContent() != null;
            if (attached && (content != null || hash != null)) {
                throw new MalformedDocumentException("tsa.document.contentTwice");
            }
            if (contentNeeded && !attached && content == null && hash == null) {
                throw new MalformedDocumentException("tsa.document.detachedNeedsContent");
            }
            CMSSignedData parsed;
            if (hash != null) {
                if (hashAlgorithm == null) {
                    throw new MalformedDocumentException("tsa.document.hashAlgorithmMissing");
                }
                if (hash.length != hashAlgorithm.length()) {
                    throw new MalformedDocumentException("tsa.document.hashLength", hashAlgorithm.name(),
                            hashAlgorithm.length(), hash.length);
                }
                parsed = new CMSSignedData(Map.of(hashAlgorithm.oid(), hash), info);
            } else if (content != null) {
                parsed = new CMSSignedData(new CMSProcessableByteArray(content), info);
            } else {
                parsed = new CMSSignedData(info);
            }
            SignedDocument document = readParts(parsed, attached);
            if (hash != null) {
                for (SignerInformation signer : document.signers()) {
                    if (!signer.getDigestAlgorithmID().getAlgorithm().equals(hashAlgorithm.oid())) {
                        throw new MalformedDocumentException("tsa.document.signerDigest",
                                signer.getDigestAlgOID(), hashAlgorithm.name());
                    }
                }
            }
            return document;
        } catch (MalformedDocumentException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            // Bouncy Castle reports malformed ASN.1 with checked and unchecked exceptions alike.
            throw new MalformedDocumentException("tsa.document.malformed");
        }
    }

    private static SignedDocument readParts(CMSSignedData cms, boolean attached) throws Exception {
        List<SignerInformation> signers = new ArrayList<>(cms.getSignerInfos().getSigners());
        if (signers.isEmpty()) {
            throw new MalformedDocumentException("tsa.document.noSigner");
        }
        if (signers.size() > MAX_SIGNERS) {
            throw new MalformedDocumentException("tsa.document.tooManySigners", MAX_SIGNERS);
        }
        for (SignerInformation signer : signers) {
            // Touch every part verification reads, so malformed ones are found here.
            signer.getSID();
            signer.getSignature();
            signer.getDigestAlgorithmID();
            signer.getEncryptionAlgOID();
            signer.getSignedAttributes();
            signer.getUnsignedAttributes();
            if (signer.getSignedAttributes() != null) {
                signer.getEncodedSignedAttributes();
            }
        }
        List<X509CertificateHolder> certificates = new ArrayList<>(cms.getCertificates().getMatches(null));
        for (X509CertificateHolder certificate : certificates) {
            certificate.getEncoded();
            // Matching a signer by key identifier parses the certificate's extensions: a corrupt one is found here.
            Extensions extensions = certificate.getExtensions();
            if (extensions != null) {
                for (ASN1ObjectIdentifier oid : extensions.getExtensionOIDs()) {
                    extensions.getExtension(oid).getParsedValue();
                }
            }
        }
        byte[] content = null;
        CMSTypedData signed = cms.getSignedContent();
        if (signed != null && signed.getContent() instanceof byte[] bytes) {
            content = bytes;
        }
        ASN1ObjectIdentifier type = cms.getSignedContentType();
        if (type == null) {
            throw new MalformedDocumentException("tsa.document.noContentType");
        }
        return new SignedDocument(cms, List.copyOf(signers), List.copyOf(certificates), content, attached);
    }
}
