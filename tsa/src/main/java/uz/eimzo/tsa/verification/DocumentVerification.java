package uz.eimzo.tsa.verification;

import java.time.Instant;
import java.util.List;

/** Every signer of a document checked; the document's verdict is its worst signer's. */
public record DocumentVerification(SignedDocument document, List<SignerVerification> signers, Instant verifiedAt) {

    public Verdict verdict() {
        return signers.stream().map(SignerVerification::verdict).reduce(Verdict.VALID, Verdict::worst);
    }
}
