package uz.eimzo.ca.issuance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.GostIndependentVerifier;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.ca.gost.UzDstPrivateKey;

import javax.sql.DataSource;
import java.util.List;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The E-IMZO ecosystem is GOST-only: under a GOST-UZ issuing CA a server-made key is GOST-UZ even when the
 * profile's general server key type is P-256 (the centre's default profiles), never silently P-256.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GostServerKeyTest {

    TestCa ca;

    @BeforeAll
    void createCa(DataSource dataSource, @TempDir Path keys) {
        // The default profiles: every key type accepted, P-256 made on the server.
        ca = TestCa.create(dataSource, keys, KeyAlgorithm.GOST_UZ, Clock.systemUTC(), TestCa.profiles());
    }

    @Test
    void serverKeyUnderAGostCaIsAGostKeyInItsPfx() throws Exception {
        KeyBundle bundle = ca.services.issuer().issueWithServerKey(TestCa.ISSUING, "individual", List.of(),
                new Subject("Qodirova", "Nilufar", null, TestCa.pinfl("131", "052"), null,
                        "Toshkent shahri", "Yunusobod tumani", null, null), "registrar", RegistrationIds.NONE);

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(bundle.pkcs12()), bundle.password());
        String alias = store.aliases().nextElement();
        assertThat(store.getKey(alias, bundle.password())).isInstanceOf(UzDstPrivateKey.class);
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        assertThat(KeyAlgorithm.of(certificate.getPublicKey())).contains(KeyAlgorithm.GOST_UZ);
        assertThat(certificate.getSigAlgOID()).isEqualTo(UzDst.SIGNATURE_OID);
        assertThat(GostIndependentVerifier.certificateVerifies(certificate, ca.issuing.certificate())).isTrue();
    }
}
