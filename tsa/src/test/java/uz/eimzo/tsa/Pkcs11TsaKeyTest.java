package uz.eimzo.tsa;

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
import uz.eimzo.ca.x509.Certificates;
import uz.eimzo.tsa.signing.TsaSigners;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The TSA key made and kept on a PKCS#11 token (SoftHSM2); its tokens verify with openssl. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11TsaKeyTest {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    RunningTsa tsa;
    TestCa ca;
    Path directory;
    String label = "eimzo-tsa-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        this.directory = directory;
        String init = TsaInteroperabilityTest.run("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", "1234", "--so-pin", "5678");
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
        assertThat(slot.find()).as(init).isTrue();
        Path config = Files.writeString(directory.resolve("pkcs11.cfg"),
                "name = tsa-test\nlibrary = " + LIBRARY + "\nslot = " + slot.group(1) + "\n");
        ca = TestCa.create(db.dataSource(), directory, KeyAlgorithm.EC_P256, Clock.systemUTC());
        tsa = RunningTsa.start(db, ca, directory, "tsa-p11", KeyAlgorithm.EC_P256, Clock.systemUTC(),
                "--eimzo.tsa.keys.type=pkcs11", "--eimzo.tsa.keys.pkcs11-config=" + config, "--eimzo.tsa.keys.pin=1234");
        tsa.clockChecked();
    }

    @AfterAll
    void stop() throws Exception {
        if (tsa != null) {
            tsa.close();
        }
        TsaInteroperabilityTest.run("softhsm2-util", "--delete-token", "--token", label);
    }

    @Test
    void tokensAreSignedWithAKeyOnTheTokenAndVerifyWithOpenssl() throws Exception {
        assertThat(tsa.context.getBean(TsaSigners.class).current().orElseThrow().key().toString()).contains("PKCS#11");
        Path data = Files.writeString(directory.resolve("p11.txt"), "Ariza 5");
        Path query = directory.resolve("p11.tsq");
        TsaInteroperabilityTest.run("openssl", "ts", "-query", "-data", data.toString(), "-sha384", "-cert",
                "-out", query.toString());
        Path reply = Files.write(directory.resolve("p11.tsr"), tsa.post(Files.readAllBytes(query)));
        Path chain = Files.writeString(directory.resolve("p11-chain.pem"),
                Certificates.pem(ca.issuing.certificate()) + Certificates.pem(ca.root.certificate()));
        assertThat(TsaInteroperabilityTest.run("openssl", "ts", "-verify", "-data", data.toString(), "-in",
                reply.toString(), "-CAfile", chain.toString())).contains("Verification: OK");
    }
}
