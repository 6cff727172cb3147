package uz.eimzo.ca.registration;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the register's person (Latin, as the MyID client gives it) is compared with what the applicant typed. Uzbek
 * Latin's o‘/g‘ and the tutuq belgisi are typed in several ways (' ` ‘ ’ ʻ ʼ); they are one letter mark, not a difference.
 */
class RemoteIdentityNamesTest {

    private static ApplicantForm typed(String surname, String patronymic) {
        return new ApplicantForm(ApplicantType.INDIVIDUAL, surname, "Gulnora", patronymic, LocalDate.of(1990, 5, 15), "F",
                "41505900123456", IdentityDocument.Type.ID_CARD, "AD1122334", null, null, null, null, null, null, null,
                null, null, false, null);
    }

    private static IdentityVerification.Person register(String surname, String patronymic) {
        return new IdentityVerification.Person(surname, "GULNORA", patronymic, "41505900123456", LocalDate.of(1990, 5, 15), 'F');
    }

    @Test
    void theTurnedCommaOfTheRegisterEqualsAnApostropheTypedByTheApplicant() {
        assertThat(RemoteIdentity.differences(register("G‘ULOMOVA", "O‘TKIR QIZI"), typed("G'ulomova", "Oʻtkir qizi"))).isEmpty();
        assertThat(RemoteIdentity.differences(register("MA’RUFOVA", ""), typed("Ma`rufova", ""))).isEmpty();
    }

    @Test
    void aDifferentLetterIsStillADifference() {
        assertThat(RemoteIdentity.differences(register("G‘ULOMOVA", "O‘TKIR QIZI"), typed("Gulomova", "Otkir qizi")))
                .containsExactly("surname", "patronymic");
    }
}
