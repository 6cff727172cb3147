package uz.eimzo.ocsp.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.responder.ResponderCertificates;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.x509.DelegatedCertificationRequest;
import uz.eimzo.ocsp.authorities.CaIndex;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A responder key file left by the old single-algorithm setting (an ECDSA key certified for a GOST-UZ CA):
 * the responder asks for a GOST-UZ key for that CA and signs with it, in the same file, nothing deleted.
 */
@ExtendWith(PostgresExtension.class)
class ResponderKeyAlgorithmChangeTest {

    @Test
    void aKeyInTheWrongAlgorithmIsReplacedWithoutDeletingTheKeyFile(DataSource dataSource, @TempDir Path directory) {
        TestCa ca = TestCa.create(dataSource, directory, KeyAlgorithm.GOST_UZ, Clock.systemUTC());
        var jdbc = ca.jdbc;
        Path file = directory.resolve("ocsp-keys.p12");
        Pkcs12KeyStorage storage = new Pkcs12KeyStorage(file, "responder-password".toCharArray());
        ResponderCertificates caSide = new ResponderCertificates(jdbc, ca.services.authoritiesDirectory(),
                ca.services.issuer(), Duration.ofDays(7));

        // What the old responder left: an ECDSA key for the GOST-UZ issuing CA, certified and stored.
        SigningKey old = storage.generate(KeyAlgorithm.EC_P256);
        jdbc.sql("insert into responder_certificate (ca_id, responder, key_alias, csr) values (?, ?, ?, ?)")
                .params(ca.issuing.id(), "test-responder", "ocsp-old", DelegatedCertificationRequest.build(old, "old")).update();
        caSide.issuePending("ocsp-test");
        byte[] oldCertificate = jdbc.sql("select certificate from responder_certificate where key_alias = 'ocsp-old'")
                .query(byte[].class).single();
        storage.store("ocsp-old", old, java.util.List.of(uz.eimzo.ca.x509.Certificates.parse(oldCertificate),
                ca.issuing.certificate()));

        DelegatedSigners signers = new DelegatedSigners(jdbc, storage, "test-responder", 0.34,
                new CaIndex(jdbc, Clock.systemUTC()), Clock.systemUTC(), () -> { });
        signers.refresh();
        assertThat(signers.forCa(ca.issuing.id())).get()
                .satisfies(s -> assertThat(KeyAlgorithm.of(s.certificate().getPublicKey())).contains(KeyAlgorithm.EC_P256));

        caSide.issuePending("ocsp-test");
        signers.refresh();

        assertThat(signers.forCa(ca.issuing.id())).get()
                .satisfies(s -> assertThat(KeyAlgorithm.of(s.certificate().getPublicKey())).contains(KeyAlgorithm.GOST_UZ));
        assertThat(Files.exists(file)).isTrue();
        assertThat(storage.open("ocsp-old")).isNotNull();
    }
}
