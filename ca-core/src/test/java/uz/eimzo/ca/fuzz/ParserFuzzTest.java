package uz.eimzo.ca.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import uz.eimzo.ca.identity.InvalidIdentityException;
import uz.eimzo.ca.identity.Pinfl;
import uz.eimzo.ca.x509.CertificationRequests;
import uz.eimzo.ca.x509.MalformedInputException;

/**
 * The boundary parsers under Jazzer: any input either parses or is refused with the parser's own exception,
 * never anything else (an unexpected exception is a finding). Regression mode runs the kept corpus in every
 * build; with JAZZER_FUZZ=1 each target is fuzzed for a bounded time.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void certificationRequestsAreParsedOrRefused(byte[] input) {
        try {
            CertificationRequests.parse(input);
        } catch (MalformedInputException expected) {
            // a precise refusal is the right answer to garbage
        }
    }

    @FuzzTest(maxDuration = "10s")
    void pinflsAreAcceptedOrRefused(FuzzedDataProvider data) {
        try {
            Pinfl pinfl = new Pinfl(data.consumeRemainingAsString());
            pinfl.birthDate();
        } catch (InvalidIdentityException expected) {
            // refused with the rule it breaks
        }
    }
}
