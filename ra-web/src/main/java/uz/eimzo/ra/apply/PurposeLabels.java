package uz.eimzo.ra.apply;

import org.springframework.stereotype.Component;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.x509.PolicyInfo;

/**
 * The words for a certificate purpose (a policy OID) on the operators' pages: the user notice the profiles give it,
 * which relying parties also see in the certificate; the OID itself when no profile names it any more.
 */
@Component("purposeLabels")
public class PurposeLabels {

    private final ProfileCatalog profiles;

    PurposeLabels(ProfileCatalog profiles) {
        this.profiles = profiles;
    }

    public String of(String oid) {
        return profiles.all().stream().flatMap(p -> p.policies().stream()).filter(p -> p.oid().equals(oid))
                .map(PolicyInfo::userNotice).findFirst().orElse(oid);
    }
}
