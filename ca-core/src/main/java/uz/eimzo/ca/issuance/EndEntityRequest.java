package uz.eimzo.ca.issuance;

import uz.eimzo.ca.profile.Subject;

import java.security.PublicKey;

/** A verified subject and its public key (proof of possession already checked), to be certified by a CA. */
public record EndEntityRequest(String caName, String profileName, Subject subject, PublicKey publicKey,
                               String requester, RegistrationIds links) {
}
