package uz.eimzo.ca.registration;

import uz.eimzo.ca.identity.IdentityDocument;
import uz.eimzo.ca.profile.ApplicantType;

import java.time.LocalDate;

/**
 * What an operator typed into the registration form, before any check. {@link ApplicationCheck} turns it
 * into verified data or a list of every field that is wrong.
 *
 * @param representative true when someone other than the organisation's head applies (needs a power of attorney)
 */
public record ApplicantForm(
        ApplicantType type,
        String surname,
        String givenName,
        String patronymic,
        LocalDate birthDate,
        String sex,
        String pinfl,
        IdentityDocument.Type documentType,
        String documentNumber,
        String personalStir,
        String region,
        String district,
        String phone,
        String email,
        String organisationStir,
        String organisationName,
        String legalForm,
        String position,
        boolean representative,
        String powerOfAttorney) {
}
