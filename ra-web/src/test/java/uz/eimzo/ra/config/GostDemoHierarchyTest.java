package uz.eimzo.ra.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.PostgresServer;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's demo with {@code eimzo.ca.demo-gost=true}: a GOST-UZ root and issuing CA beside the ECDSA
 * hierarchy, and a server-made key from the GOST-UZ issuing CA is a GOST-UZ key in its DS….pfx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ra", "eimzo.ca.demo=true", "eimzo.ca.demo-gost=true"})
class GostDemoHierarchyTest {

    static final TestDatabase DATABASE = PostgresServer.get().newDatabase();
    static final Path DIRECTORY = directory();

    @Autowired
    CaServices ca;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("eimzo.ca.pkcs12", () -> DIRECTORY.resolve("demo-ca.p12").toString());
        registry.add("eimzo.ca.demo-credentials", () -> DIRECTORY.resolve("demo-operators.txt").toString());
        registry.add("eimzo.ra.personal-data-key", () -> Base64.getEncoder().encodeToString(key));
        registry.add("eimzo.ra.https-port", () -> "0");
        registry.add("eimzo.ra.tls-keystore", () -> DIRECTORY.resolve("tls.p12").toString());
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
        var bundle = ca.issuer().issueWithServerKey(DemoHierarchy.GOST_ISSUING, "individual",
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

    private static Path directory() {
        try {
            return Files.createTempDirectory("eimzo-gost-demo");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
