package uz.eimzo.tsa.answers;

import uz.eimzo.tsa.encoding.SignedAnswers;
import uz.eimzo.tsa.signing.TsaSigner;
import uz.eimzo.tsa.signing.TsaSigners;

import java.time.Clock;

/**
 * Signs an answer with the TSA's current certified key: the key relying parties already trust for this service's
 * time-stamps, delegated by the CA (never a CA key). The signature carries the service's time as signing time.
 */
public final class AnswerSigner {

    private final TsaSigners signers;
    private final Clock clock;

    public AnswerSigner(TsaSigners signers, Clock clock) {
        this.signers = signers;
        this.clock = clock;
    }

    /** A CMS SignedData (DER) carrying {@code answer}. */
    public byte[] sign(byte[] answer) throws NoCertifiedKeyException {
        TsaSigner signer = signers.current().orElseThrow(NoCertifiedKeyException::new);
        return SignedAnswers.sign(signer, answer, clock.instant());
    }
}
