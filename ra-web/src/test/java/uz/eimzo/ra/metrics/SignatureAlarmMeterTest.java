package uz.eimzo.ra.metrics;

import org.junit.jupiter.api.Test;
import uz.eimzo.ca.audit.SignatureAlarms;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.crl.CrlIssuer;
import uz.eimzo.ca.crl.CrlSchedule;
import uz.eimzo.ca.fixtures.FaultyKeyStorage;
import uz.eimzo.ca.keys.KeyFiles;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.testing.Prometheus;
import uz.eimzo.ra.config.CaProperties;
import uz.eimzo.ra.support.ObservedRaTestBase;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A CA signature caught before it was published is on the scrape, for the alert rule to page someone. */
class SignatureAlarmMeterTest extends ObservedRaTestBase {

    @Test
    void aCrlSignedByAFaultyKeyIsCountedAndNotPublished() throws Exception {
        // The node's own key file, opened a second time behind a fault: the node itself holds its keys in CaSigner only.
        CaProperties properties = context.getBean(CaProperties.class);
        List<KeyStorage> faulty = List.of(new FaultyKeyStorage(new Pkcs12KeyStorage(properties.pkcs12(),
                KeyFiles.password(properties.pkcs12(), properties.pkcs12Password()))));
        CrlIssuer issuer = new CrlIssuer(context.getBean(DataSource.class), new CaSigner(faulty), CrlSchedule.defaults(),
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
}
