package uz.eimzo.ca.issuance;

import uz.eimzo.ca.profile.Subject;

import java.security.PublicKey;
import java.util.List;

/**
 * A verified subject and its public key (proof of possession already checked), to be certified by a CA.
 *
 * @param purposes the policy OIDs of the profile the certificate is for; empty for every policy of the profile
 */
public record EndEntityRequest(String caName, String profileName, Subject subject, PublicKey publicKey,
                               String requester, RegistrationIds links, List<String> purposes) {

    public EndEntityRequest {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }

    /** For every purpose of the profile. */
    public EndEntityRequest(String caName, String profileName, Subject subject, PublicKey publicKey, String requester,
                            RegistrationIds links) {
        this(caName, profileName, subject, publicKey, requester, links, List.of());
    }
}
