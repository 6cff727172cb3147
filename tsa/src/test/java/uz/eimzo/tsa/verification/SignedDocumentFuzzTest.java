package uz.eimzo.tsa.verification;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import uz.eimzo.tsa.encoding.ImprintAlgorithm;

/**
 * The CMS/PKCS#7 reader under Jazzer: whatever a relying party posts either reads into a document (attached,
 * detached with content, detached with a hash) or is a {@link MalformedDocumentException}, which the service answers
 * with HTTP 400; nothing else may escape.
 */
class SignedDocumentFuzzTest {

    private static final SignedDocuments DOCUMENTS = new SignedDocuments(1 << 20);

    @FuzzTest(maxDuration = "20s")
    void signedDocumentsAreReadOrRefused(FuzzedDataProvider data) {
        int form = data.consumeInt(0, 3);
        byte[] content = form == 1 ? data.consumeBytes(64) : null;
        byte[] hash = form == 2 ? data.consumeBytes(32) : null;
        byte[] cms = data.consumeRemainingAsBytes();
        try {
            SignedDocument document = form == 3 ? DOCUMENTS.readSignatures(cms)
                    : DOCUMENTS.read(cms, content, hash == null ? null : ImprintAlgorithm.SHA256, hash);
            for (var signer : document.signers()) {
                document.certificateOf(signer);
                DocumentVerifier.claimedSigningTimeOf(signer);
            }
        } catch (MalformedDocumentException expected) {
            // answered with 400 problem details
        }
    }
}
