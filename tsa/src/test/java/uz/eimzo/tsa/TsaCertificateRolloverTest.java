package uz.eimzo.tsa;

import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.tsa.signing.TsaSigner;
import uz.eimzo.tsa.signing.TsaSigners;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The TSA asks for a new key's certificate before the current one expires and switches without a restart. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TsaCertificateRolloverTest {

    RunningTsa tsa;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) {
        TestCa ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        // 15 s certificates renewed when a third remains: the rollover happens about 10 s in.
        tsa = RunningTsa.start(db, ca, directory, "tsa-roll", KeyAlgorithm.EC_P256, Clock.systemUTC(), Duration.ofSeconds(15));
        tsa.clockChecked();
    }

    @AfterAll
    void stop() {
        tsa.close();
    }

    @Test
    void tsaRollsOverToANewKeyBeforeTheOldCertificateExpiresAndKeepsStamping() throws Exception {
        TsaSigner first = signer();
        TsaSigner next = first;
        Instant switchedAt = null;
        for (Instant deadline = Instant.now().plusSeconds(30); Instant.now().isBefore(deadline); Thread.sleep(100)) {
            tsa.caSide.issuePending("ca-scheduler");
            next = signer();
            if (!next.alias().equals(first.alias())) {
                switchedAt = Instant.now();
                break;
            }
        }
        assertThat(switchedAt).as("rollover happened").isNotNull();
        assertThat(switchedAt).isBefore(first.notAfter());
        assertThat(next.certificate().getPublicKey()).isNotEqualTo(first.certificate().getPublicKey());

        byte[] request = new TimeStampRequestGenerator().generate(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                new byte[32]).getEncoded();
        TimeStampResponse reply = new TimeStampResponse(tsa.post(request));
        assertThat(reply.getStatus()).isEqualTo(PKIStatus.GRANTED);
        assertThat(reply.getTimeStampToken().getSID().getSerialNumber()).isEqualTo(next.serial());
    }

    private TsaSigner signer() {
        return tsa.context.getBean(TsaSigners.class).current().orElseThrow();
    }
}
