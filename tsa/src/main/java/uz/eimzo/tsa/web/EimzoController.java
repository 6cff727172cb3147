package uz.eimzo.tsa.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import uz.eimzo.tsa.TsaProperties;
import uz.eimzo.tsa.attachment.StampRefusedException;
import uz.eimzo.tsa.attachment.TokenAttacher;
import uz.eimzo.tsa.verification.DocumentVerifier;
import uz.eimzo.tsa.verification.MalformedDocumentException;
import uz.eimzo.tsa.verification.SignedDocument;
import uz.eimzo.tsa.verification.SignedDocuments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paths, bodies and JSON of E-IMZO-SERVER's PKCS#7 verification and time-stamp attachment, as its public
 * documentation describes them, so integrations written for it can point here: the body is base64 text (for a
 * detached signature, the content's base64, a {@code |}, then the PKCS#7's), the answer carries {@code status} 1.
 * E-IMZO-SERVER reads the headers X-Real-IP and Host for its own logs; they are not needed here.
 */
@RestController
class EimzoController {

    private final SignedDocuments documents;
    private final DocumentVerifier verifier;
    private final TokenAttacher attacher;
    private final VerdictTexts verdictTexts;
    private final int maxBodyBytes;

    public EimzoController(SignedDocuments documents, DocumentVerifier verifier, TokenAttacher attacher,
                           VerdictTexts verdictTexts, TsaProperties properties) {
        this.verdictTexts = verdictTexts;
        this.documents = documents;
        this.verifier = verifier;
        this.attacher = attacher;
        // Base64 is 4/3 of the bytes; a detached body also carries the content.
        this.maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 16, properties.verification().maxDocumentBytes() * 3L);
    }

    @PostMapping("/backend/pkcs7/verify/attached")
    public Map<String, Object> verifyAttached(HttpServletRequest request, Locale locale)
            throws IOException, MalformedDocumentException {
        byte[] cms = Inputs.base64("PKCS#7", text(request));
        return EimzoJson.verification(verifier.verify(documents.read(cms, null, null, null)), true,
                verdictTexts.in(locale));
    }

    @PostMapping("/backend/pkcs7/verify/detached")
    public Map<String, Object> verifyDetached(HttpServletRequest request, Locale locale)
            throws IOException, MalformedDocumentException {
        String body = text(request);
        int bar = body.indexOf('|');
        if (bar < 0) {
            throw new BadInputException("tsa.input.detachedBody");
        }
        byte[] content = Inputs.base64("content", body.substring(0, bar));
        byte[] cms = Inputs.base64("PKCS#7", body.substring(bar + 1));
        return EimzoJson.verification(verifier.verify(documents.read(cms, content == null ? new byte[0] : content,
                null, null)), false, verdictTexts.in(locale));
    }

    @PostMapping("/frontend/timestamp/pkcs7")
    public Map<String, Object> timestamp(HttpServletRequest request)
            throws IOException, MalformedDocumentException, StampRefusedException {
        SignedDocument document = documents.readSignatures(Inputs.base64("PKCS#7", text(request)));
        TokenAttacher.Attached attached = attacher.attach(document, null);
        List<X509Certificate> stamped = new ArrayList<>();
        for (TokenAttacher.Stamped signer : attached.stamped()) {
            if (signer.certificate() != null) {
                stamped.add(signer.certificate());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pkcs7b64", Base64.getEncoder().encodeToString(attached.cms()));
        json.put("timestampedSignerList", EimzoJson.stampedSigners(stamped));
        json.put("status", 1);
        json.put("message", "");
        return json;
    }

    private String text(HttpServletRequest request) throws IOException {
        String body = new String(Inputs.body(request, maxBodyBytes), StandardCharsets.US_ASCII).strip();
        if (body.isEmpty()) {
            throw new BadInputException("tsa.input.emptyBody");
        }
        return body;
    }
}
