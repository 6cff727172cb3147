package uz.eimzo.ra.support;

import java.security.KeyPair;
import java.util.Base64;

/** PKCS#10 requests made with openssl, as an applicant's tool would make them. */
public final class Csrs {

    private Csrs() {
    }

    /** A PEM request for the key pair, built and signed by the openssl command line from a PKCS#8 key. */
    public static String pem(KeyPair key) {
        try {
            var dir = java.nio.file.Files.createTempDirectory("csr");
            var keyFile = dir.resolve("key.pem");
            java.nio.file.Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            Process p = new ProcessBuilder("openssl", "req", "-new", "-key", keyFile.toString(), "-subj", "/CN=Applicant",
                    "-sha256").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("openssl req failed: " + out);
            }
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
