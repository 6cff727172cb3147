package uz.eimzo.ra.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ra.support.GostRaTestBase;

import java.util.List;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's demo: a GOST-UZ root and issuing CA beside the ECDSA hierarchy, and a server-made key from the
 * GOST-UZ issuing CA is a GOST-UZ key in its DS….pfx.
 */
class GostDemoHierarchyTest extends GostRaTestBase {

    @Test
    void withoutSettingsApplicantsAreIssuedByTheGostUzCa(@Autowired RaProperties ra) {
        assertThat(ra.issuingCa()).isEqualTo(DemoHierarchy.GOST_ISSUING);
    }

    @Test
    void theDemoHasAGostUzRootAndIssuingCaBesideTheEcdsaOnes() {
        assertThat(ca.authorities().list()).extracting(a -> a.name()).contains(DemoHierarchy.ROOT, DemoHierarchy.ISSUING,
                DemoHierarchy.GOST_ROOT, DemoHierarchy.GOST_ISSUING);
        var root = ca.authoritiesDirectory().require(DemoHierarchy.GOST_ROOT);
        var issuing = ca.authoritiesDirectory().require(DemoHierarchy.GOST_ISSUING);
        assertThat(root.keyAlgorithm()).isEqualTo(KeyAlgorithm.GOST_UZ);
        assertThat(issuing.keyAlgorithm()).isEqualTo(KeyAlgorithm.GOST_UZ);
        assertThat(issuing.parentId()).isEqualTo(root.id());
        assertThat(issuing.certificate().getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
    }

    @Test
    void aServerKeyFromTheGostIssuingCaIsAGostKeyInItsPfx() throws Exception {
        var bundle = ca.issuer().issueWithServerKey(DemoHierarchy.GOST_ISSUING, "individual", List.of(),
                new Subject("Usmonov", "Bekzod", null, new uz.eimzo.ca.identity.Pinfl("3150390134056" + uz.eimzo.ca.identity.Pinfl.checkDigit("3150390134056")), null, "Toshkent shahri",
                        "Yakkasaroy tumani", null, null), "registrar", RegistrationIds.NONE);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bundle.pkcs12()), bundle.password());
        String alias = store.aliases().nextElement();
        assertThat(store.getKey(alias, bundle.password())).isInstanceOf(UzDstPrivateKey.class);
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
    }
}
