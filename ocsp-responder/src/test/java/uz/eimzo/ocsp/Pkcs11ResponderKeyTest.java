package uz.eimzo.ocsp;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.testing.PostgresExtension;
import uz.eimzo.ca.testing.TestDatabase;
import uz.eimzo.ocsp.signing.DelegatedSigners;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The responder's delegated keys can live on a PKCS#11 token (SoftHSM2 here) instead of a PKCS#12 file. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Pkcs11ResponderKeyTest {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    RunningResponder responder;
    String label = "eimzo-ocsp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000;

    @BeforeAll
    void start(TestDatabase db, @TempDir Path directory) throws Exception {
        var init = RunningResponder.run(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", "1234", "--so-pin", "5678"));
        Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init.output());
        assertThat(slot.find()).as(init.output()).isTrue();
        Path config = Files.writeString(directory.resolve("pkcs11.cfg"),
                "name = ocsp-test\nlibrary = " + LIBRARY + "\nslot = " + slot.group(1) + "\n");
        responder = RunningResponder.start(db, directory, Duration.ofDays(7),
                "--eimzo.ocsp.keys.type=pkcs11",
                "--eimzo.ocsp.keys.pkcs11-config=" + config,
                "--eimzo.ocsp.keys.pin=1234");
    }

    @AfterAll
    void stop() {
        if (responder != null) {
            responder.close();
        }
        RunningResponder.run(List.of("softhsm2-util", "--delete-token", "--token", label));
    }

    @Test
    void responsesAreSignedWithAKeyOnTheTokenAndVerifyWithOpenssl() {
        var signer = responder.context.getBean(DelegatedSigners.class).forCa(responder.ca.issuing.id()).orElseThrow();
        assertThat(signer.key().toString()).contains("PKCS#11");

        Path issuer = responder.pem("p11-issuing.pem", responder.ca.issuing.certificate());
        Path chain = responder.pem("p11-chain.pem", responder.ca.issuing.certificate(), responder.ca.root.certificate());
        Path leaf = responder.pem("p11-leaf.pem", responder.issue(TestCa.individual(), "individual").certificate());
        String output = RunningResponder.run(List.of("openssl", "ocsp", "-url", responder.url(), "-CAfile", chain.toString(),
                "-issuer", issuer.toString(), "-cert", leaf.toString())).output();
        assertThat(output).contains("Response verify OK").contains(leaf + ": good");
    }
}
