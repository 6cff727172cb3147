package uz.eimzo.ca.profile;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.x509.PolicyInfo;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Certificate policies are E-IMZO's real arc by default and settings per profile, refused at start-up if malformed. */
class PolicySettingsTest {

    static final String CPS = "http://localhost:8080/cps";

    @Test
    void defaultPoliciesAreTheRealEImzoOids() {
        assertThat(TestCa.profiles().get("individual").policies()).extracting(PolicyInfo::oid).containsExactly(
                "1.2.860.3.2.2.1.2.1", "1.2.860.3.2.2.1.2.2", "1.2.860.3.2.2.1.2.3", "1.2.860.3.2.2.1.2.4");
    }

    @Test
    void aConfiguredArcNumbersThePoliciesDirectlyUnderIt() {
        ProfileCatalog catalog = ProfileCatalog.defaults("1.2.860.3.2.9", CPS, TestCa.profiles().get("ngo").allowedKeys(),
                uz.eimzo.ca.keys.KeyAlgorithm.EC_P256);
        assertThat(catalog.get("ngo").policies()).extracting(PolicyInfo::oid)
                .containsExactly("1.2.860.3.2.9.1", "1.2.860.3.2.9.2", "1.2.860.3.2.9.3", "1.2.860.3.2.9.4");
    }

    @Test
    void policiesAreSettingsPerProfile() {
        ProfileCatalog catalog = TestCa.profiles().withPolicies(Map.of("legal-entity", List.of(
                new PolicySetting("1.2.860.3.2.2.1.2.3", "https://ca.example.uz/cps-legal", "To‘lovlar uchun"))), CPS);
        assertThat(catalog.get("legal-entity").policies()).containsExactly(
                new PolicyInfo("1.2.860.3.2.2.1.2.3", "https://ca.example.uz/cps-legal", "To‘lovlar uchun"));
        assertThat(catalog.get("individual").policies()).hasSize(4);
    }

    @Test
    void aPolicyWithoutItsOwnCpsUriTakesTheCentresCps() {
        ProfileCatalog catalog = TestCa.profiles().withPolicies(Map.of("individual", List.of(
                new PolicySetting("1.2.860.3.2.2.1.2.1", null, null))), "https://ca.example.uz/cps");
        assertThat(catalog.get("individual").policies().getFirst().cpsUri()).isEqualTo("https://ca.example.uz/cps");
    }

    @Test
    void aMalformedOidIsRefused() {
        assertRefused(new PolicySetting("1.2.860..3", CPS, "x"), "OID");
        assertRefused(new PolicySetting("e-reporting", CPS, "x"), "OID");
    }

    @Test
    void aCpsUriThatIsNotAnAbsoluteHttpUrlIsRefused() {
        assertRefused(new PolicySetting("1.2.860.3.2.2.1.2.1", "/cps", "x"), "CPS");
        assertRefused(new PolicySetting("1.2.860.3.2.2.1.2.1", "ftp://ca.example.uz/cps", "x"), "CPS");
        assertRefused(new PolicySetting("1.2.860.3.2.2.1.2.1", "http://exa mple/cps", "x"), "CPS");
    }

    @Test
    void aUserNoticeOver200CharactersIsRefused() {
        assertRefused(new PolicySetting("1.2.860.3.2.2.1.2.1", CPS, "a".repeat(201)), "200");
    }

    @Test
    void theSamePolicyTwiceIsRefused() {
        assertThatThrownBy(() -> TestCa.profiles().withPolicies(Map.of("individual", List.of(
                new PolicySetting("1.2.860.3.2.2.1.2.1", CPS, "a"), new PolicySetting("1.2.860.3.2.2.1.2.1", CPS, "b"))), CPS))
                .isInstanceOf(ProfileException.class).hasMessageContaining("twice");
    }

    @Test
    void aProfileWithoutPoliciesIsRefused() {
        assertThatThrownBy(() -> TestCa.profiles().withPolicies(Map.of("individual", List.of()), CPS))
                .isInstanceOf(ProfileException.class).hasMessageContaining("no certificate policy");
    }

    @Test
    void policiesForAnUnknownProfileAreRefused() {
        assertThatThrownBy(() -> TestCa.profiles().withPolicies(Map.of("nobody", List.of(
                new PolicySetting("1.2.860.3.2.2.1.2.1", CPS, "a"))), CPS))
                .hasMessage("Unknown certificate profile: nobody");
    }

    @Test
    void aMalformedCentreCpsUrlIsRefused() {
        assertThatThrownBy(() -> ProfileCatalog.defaults(ProfileCatalog.DEFAULT_POLICY_ARC, "localhost/cps",
                TestCa.profiles().get("ngo").allowedKeys(), uz.eimzo.ca.keys.KeyAlgorithm.EC_P256))
                .isInstanceOf(ProfileException.class).hasMessageContaining("CPS");
    }

    private static void assertRefused(PolicySetting setting, String mentioning) {
        assertThatThrownBy(() -> TestCa.profiles().withPolicies(Map.of("individual", List.of(setting)), CPS))
                .isInstanceOf(ProfileException.class).hasFieldOrPropertyWithValue("code", "profile.policy")
                .hasMessageContaining("individual").hasMessageContaining(mentioning);
    }
}
