package uz.eimzo.ra.metrics;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.testing.Prometheus;
import uz.eimzo.ra.support.ObservedRaTestBase;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A CA signature caught before it was published is on the scrape, for the alert rule to page someone. */
class SignatureAlarmMeterTest extends ObservedRaTestBase {

    @Test
    void aCrlSignedByAFaultyKeyIsCountedAndNotPublished() throws Exception {
        @SuppressWarnings("unchecked")
        List<KeyStorage> storages = (List<KeyStorage>) context.getBean("keyStorages", List.class);
        List<KeyStorage> faulty = storages.stream().map(SignatureAlarmMeterTest::flippingOneBit).toList();
        CrlIssuer issuer = new CrlIssuer(context.getBean(DataSource.class), new KeyResolver(faulty), CrlSchedule.defaults(),
                new PublicationUrls("http://localhost:8081"), Clock.systemUTC(), ca.audit(), context.getBean(SignatureAlarms.class));
        Map<String, String> crl = Map.of("kind", "crl");
        Prometheus before = scrape();
        long stored = jdbc.sql("select count(*) from crl").query(Long.class).single();

        assertThatThrownBy(() -> issuer.issueFull("demo-issuing", "meter-test")).isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("does not verify");

        assertThat(scrape().value("eimzo_signature_unverified_total", crl) - before.value("eimzo_signature_unverified_total", crl))
                .isEqualTo(1.0);
        assertThat(jdbc.sql("select count(*) from crl").query(Long.class).single()).isEqualTo(stored);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'crl.signature.unverified' and target = 'demo-issuing'")
                .query(Long.class).single()).isPositive();
    }

    /** The real storage, but every signature comes back with one bit flipped, as from a faulty HSM. */
    private static KeyStorage flippingOneBit(KeyStorage real) {
        return new KeyStorage() {
            @Override
            public SigningKey generate(KeyAlgorithm algorithm) {
                return real.generate(algorithm);
            }

            @Override
            public void store(String alias, SigningKey key, List<X509Certificate> chain) {
                real.store(alias, key, chain);
            }

            @Override
            public SigningKey open(String alias) {
                SigningKey key = real.open(alias);
                return new SigningKey() {
                    @Override
                    public PublicKey publicKey() {
                        return key.publicKey();
                    }

                    @Override
                    public KeyAlgorithm algorithm() {
                        return key.algorithm();
                    }

                    @Override
                    public byte[] sign(byte[] data) {
                        byte[] signature = key.sign(data);
                        signature[signature.length / 2] ^= 0x01;
                        return signature;
                    }
                };
            }

            @Override
            public List<X509Certificate> chain(String alias) {
                return real.chain(alias);
            }

            @Override
            public String reference(String alias) {
                return real.reference(alias);
            }
        };
    }
}
