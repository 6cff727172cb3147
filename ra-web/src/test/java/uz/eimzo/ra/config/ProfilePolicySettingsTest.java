package uz.eimzo.ra.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.profile.ProfileException;
import uz.eimzo.ca.x509.PolicyInfo;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code eimzo.ca.profile-policies} as Spring binds it into the profile catalog the application starts with. */
class ProfilePolicySettingsTest {

    private static ProfileCatalog catalog(Map<String, String> settings) {
        CaProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("eimzo.ca", CaProperties.class);
        return new CaConfiguration().profileCatalog(properties);
    }

    @Test
    void withoutSettingsEveryProfileCarriesTheFourRealPoliciesAndTheDefaultCps() {
        var policies = catalog(Map.of()).get("state-body").policies();
        assertThat(policies).extracting(PolicyInfo::oid).containsExactly(
                "1.2.860.3.2.2.1.2.1", "1.2.860.3.2.2.1.2.2", "1.2.860.3.2.2.1.2.3", "1.2.860.3.2.2.1.2.4");
        assertThat(policies).extracting(PolicyInfo::cpsUri).containsOnly("http://localhost:8080/cps");
    }

    @Test
    void aProfilesPoliciesAreBoundFromTheSettings() {
        ProfileCatalog catalog = catalog(Map.of(
                "eimzo.ca.cps-url", "https://ca.example.uz/cps",
                "eimzo.ca.profile-policies.ngo[0].oid", "1.2.860.3.2.2.1.2.2",
                "eimzo.ca.profile-policies.ngo[0].notice", "Deklaratsiyalar uchun",
                "eimzo.ca.profile-policies.ngo[1].oid", "1.2.860.3.2.2.1.2.3",
                "eimzo.ca.profile-policies.ngo[1].cps-uri", "https://ca.example.uz/cps/payments"));
        assertThat(catalog.get("ngo").policies()).containsExactly(
                new PolicyInfo("1.2.860.3.2.2.1.2.2", "https://ca.example.uz/cps", "Deklaratsiyalar uchun"),
                new PolicyInfo("1.2.860.3.2.2.1.2.3", "https://ca.example.uz/cps/payments", null));
    }

    @Test
    void aMalformedPolicyOidStopsTheStartUp() {
        assertThatThrownBy(() -> catalog(Map.of("eimzo.ca.profile-policies.individual[0].oid", "1.2.860.3.2.2.1.2.x")))
                .isInstanceOf(ProfileException.class).hasMessageContaining("not a policy OID");
    }

    @Test
    void aMalformedPolicyArcStopsTheStartUp() {
        assertThatThrownBy(() -> catalog(Map.of("eimzo.ca.policy-arc", "1.2.860.3.2.2.1.2.")))
                .isInstanceOf(ProfileException.class).hasMessageContaining("not an OID");
    }

    @Test
    void aMalformedCpsUrlStopsTheStartUp() {
        assertThatThrownBy(() -> catalog(Map.of("eimzo.ca.cps-url", "ca.example.uz/cps")))
                .isInstanceOf(ProfileException.class).hasMessageContaining("CPS URI");
    }
}
