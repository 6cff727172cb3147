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
    void registrationFormsAreAcceptedOrListTheirErrors(FuzzedDataProvider data) {
        var types = uz.eimzo.ca.profile.ApplicantType.values();
        var form = new uz.eimzo.ca.registration.ApplicantForm(
                data.consumeBoolean() ? null : types[data.consumeInt(0, types.length - 1)],
                data.consumeString(80), data.consumeString(80), data.consumeString(80),
                data.consumeBoolean() ? null : java.time.LocalDate.ofEpochDay(data.consumeLong(-40000, 40000)),
                data.consumeString(3), data.consumeString(20),
                data.consumeBoolean() ? uz.eimzo.ca.identity.IdentityDocument.Type.PASSPORT : null,
                data.consumeString(12), data.consumeString(12), data.consumeString(140), data.consumeString(140),
                data.consumeString(20), data.consumeString(80), data.consumeString(12), data.consumeString(80),
                data.consumeString(80), data.consumeString(80), data.consumeBoolean(), data.consumeRemainingAsString());
        try {
            uz.eimzo.ca.registration.ApplicationCheck.check(form, java.time.LocalDate.of(2026, 11, 25));
        } catch (uz.eimzo.ca.registration.InvalidApplicationException expected) {
            if (expected.errors().isEmpty()) {
                throw new AssertionError("A refused form must say which fields are wrong");
            }
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
