package uz.eimzo.tsa.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;
import uz.eimzo.tsa.TsaProperties;
import uz.eimzo.tsa.answers.AnswerSigner;
import uz.eimzo.tsa.answers.NoCertifiedKeyException;
import uz.eimzo.tsa.attachment.StampRefusedException;
import uz.eimzo.tsa.attachment.TokenAttacher;
import uz.eimzo.tsa.verification.DocumentVerifier;
import uz.eimzo.tsa.verification.MalformedDocumentException;
import uz.eimzo.tsa.verification.SignedDocuments;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * This product's own API for relying parties (docs/tsa.md, "Verifying signed documents"): {@code POST /verify} and
 * {@code POST /timestamp/cms}. A document that verifies badly is still a 200 with its verdict; only input that is not
 * a document is a 400. A relying party that must later prove what the service said asks for the verdict signed
 * ({@code Accept: application/pkcs7-mime}): the same JSON inside a CMS SignedData signed with the TSA's key.
 */
@RestController
class VerificationController {

    /**
     * @param cms           the PKCS#7, base64
     * @param content       the signed bytes of a detached signature, base64
     * @param contentHash   or only their hash, hex
     * @param hashAlgorithm the hash's algorithm: SHA-256, SHA-384, SHA-512, UZDST1106 or an OID
     */
    public record VerifyRequest(String cms, String content, String contentHash, String hashAlgorithm) {
    }

    /** @param signer the index of the one signer to stamp; absent: every signer without a token */
    public record StampRequest(String cms, Integer signer) {
    }

    private final SignedDocuments documents;
    private final DocumentVerifier verifier;
    private final TokenAttacher attacher;
    private final AnswerSigner answerSigner;
    private final VerdictTexts verdictTexts;
    private final ObjectMapper json;
    private final int maxBytes;

    public VerificationController(SignedDocuments documents, DocumentVerifier verifier, TokenAttacher attacher,
                                  AnswerSigner answerSigner, VerdictTexts verdictTexts, ObjectMapper json,
                                  TsaProperties properties) {
        this.verdictTexts = verdictTexts;
        this.documents = documents;
        this.verifier = verifier;
        this.attacher = attacher;
        this.answerSigner = answerSigner;
        this.json = json;
        this.maxBytes = properties.verification().maxDocumentBytes();
    }

    /** The media type asked for, and answered with, when the verdict is to be signed. */
    static final String SIGNED = "application/pkcs7-mime";

    @PostMapping(path = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> verify(@RequestBody VerifyRequest request, Locale locale) throws MalformedDocumentException {
        return VerificationJson.document(verifier.verify(documents.read(Inputs.base64("cms", request.cms()),
                Inputs.base64("content", request.content()), Inputs.hashAlgorithm(request.hashAlgorithm()),
                Inputs.hex("contentHash", request.contentHash()))), verdictTexts.all(locale));
    }

    /** An attached signature sent as it is, e.g. {@code curl --data-binary @signed.p7s}. */
    @PostMapping(path = "/verify", consumes = {"application/pkcs7-signature", "application/pkcs7-mime",
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public Map<String, Object> verifyDer(HttpServletRequest request, Locale locale)
            throws MalformedDocumentException, IOException {
        return VerificationJson.document(verifier.verify(documents.read(Inputs.body(request, maxBytes), null, null, null)),
                verdictTexts.all(locale));
    }

    @PostMapping(path = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE, produces = SIGNED)
    public ResponseEntity<byte[]> verifySigned(@RequestBody VerifyRequest request, Locale locale)
            throws MalformedDocumentException, NoCertifiedKeyException {
        return signed(verify(request, locale));
    }

    @PostMapping(path = "/verify", consumes = {"application/pkcs7-signature", "application/pkcs7-mime",
            MediaType.APPLICATION_OCTET_STREAM_VALUE}, produces = SIGNED)
    public ResponseEntity<byte[]> verifyDerSigned(HttpServletRequest request, Locale locale)
            throws MalformedDocumentException, IOException, NoCertifiedKeyException {
        return signed(verifyDer(request, locale));
    }

    private ResponseEntity<byte[]> signed(Map<String, Object> verdict) throws NoCertifiedKeyException {
        byte[] signed = answerSigner.sign(json.writeValueAsBytes(verdict));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(SIGNED + "; smime-type=signed-data"))
                .body(signed);
    }

    @PostMapping(path = "/timestamp/cms", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> stamp(@RequestBody StampRequest request)
            throws MalformedDocumentException, StampRefusedException {
        TokenAttacher.Attached attached = attacher.attach(documents.readSignatures(Inputs.base64("cms", request.cms())),
                request.signer());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cms", Base64.getEncoder().encodeToString(attached.cms()));
        json.put("stampedSigners", attached.stamped().stream().map(s -> {
            Map<String, Object> signer = new LinkedHashMap<>();
            signer.put("index", s.index());
            signer.put("genTime", s.genTime().toString());
            signer.put("serialNumber", s.serialHex());
            return signer;
        }).toList());
        return json;
    }
}
