package uz.eimzo.ra.cmp;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The self-service renewal's signed challenge (CMS SignedData uploaded by anyone) under Jazzer: every input yields
 * the signer's certificate (which the caller then looks up among this CA's own) or a {@code RefusedProof}
 * with a message, never another exception (which the page would
 * turn into a 500). The kept seeds are real `openssl cms -sign` outputs over {@link #CHALLENGE}: attached and
 * detached, DER and PEM, P-256 and RSA-2048.
 */
class SignedChallengeFuzzTest {

    private static final byte[] CHALLENGE = "E-IMZO renewal fuzz-challenge".getBytes(StandardCharsets.UTF_8);

    @FuzzTest(maxDuration = "20s")
    void signedChallengesGiveTheSignerOrARefusal(byte[] input) {
        try {
            X509Certificate signer = SignedChallenges.signer(input, CHALLENGE);
            assertThat(signer.getPublicKey()).isNotNull();
        } catch (SignedChallenges.RefusedProof refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
