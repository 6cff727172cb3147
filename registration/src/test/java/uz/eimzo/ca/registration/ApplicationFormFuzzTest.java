package uz.eimzo.ca.registration;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;

import java.time.LocalDate;

/**
 * The registration form's checks under Jazzer: any form is accepted or refused with the fields it gets wrong,
 * never anything else. Regression mode runs the kept corpus in every build.
 */
class ApplicationFormFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void registrationFormsAreAcceptedOrListTheirErrors(FuzzedDataProvider data) {
        var types = ApplicantType.values();
        var form = new ApplicantForm(
                data.consumeBoolean() ? null : types[data.consumeInt(0, types.length - 1)],
                data.consumeString(80), data.consumeString(80), data.consumeString(80),
                data.consumeBoolean() ? null : LocalDate.ofEpochDay(data.consumeLong(-40000, 40000)),
                data.consumeString(3), data.consumeString(20),
                data.consumeBoolean() ? IdentityDocument.Type.PASSPORT : null,
                data.consumeString(12), data.consumeString(12), data.consumeString(140), data.consumeString(140),
                data.consumeString(20), data.consumeString(80), data.consumeString(12), data.consumeString(80),
                data.consumeString(80), data.consumeString(80), data.consumeBoolean(), data.consumeRemainingAsString());
        try {
            ApplicationCheck.check(form, LocalDate.of(2026, 11, 25));
        } catch (InvalidApplicationException expected) {
            if (expected.errors().isEmpty()) {
                throw new AssertionError("A refused form must say which fields are wrong");
            }
        }
    }
}
