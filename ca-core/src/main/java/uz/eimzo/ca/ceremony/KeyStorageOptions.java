package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Option;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.KeyUnavailableException;
import uz.eimzo.ca.keys.Pkcs11KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

/** Where a CA key is kept: a PKCS#12 file or a PKCS#11 token; exactly one of the two. */
public final class KeyStorageOptions {

    static final String PKCS12_PASSWORD = "EIMZO_KEYSTORE_PASSWORD";
    static final String PKCS11_PIN = "EIMZO_PKCS11_PIN";

    @Option(names = "--pkcs12", paramLabel = "FILE", required = true,
            description = "PKCS#12 key file (created if absent); password from " + PKCS12_PASSWORD + " or a prompt")
    Path pkcs12;

    @Option(names = "--pkcs11-config", paramLabel = "FILE", required = true,
            description = "SunPKCS11 configuration of the HSM slot; PIN from " + PKCS11_PIN + " or a prompt")
    Path pkcs11Config;

    /** Opens the storage, checking the password or PIN now rather than after a key has been generated. */
    KeyStorage open(Terminal terminal) {
        return open(terminal, PKCS12_PASSWORD, PKCS11_PIN, "");
    }

    KeyStorage open(Terminal terminal, String passwordVariable, String pinVariable, String role) {
        try {
            if (pkcs12 != null) {
                char[] password = terminal.secret(passwordVariable, "Password of " + role + "PKCS#12 file " + pkcs12);
                requirePassword(pkcs12, password);
                return new Pkcs12KeyStorage(pkcs12, password);
            }
            if (!Files.isReadable(pkcs11Config)) {
                throw new CeremonyException(CeremonyException.KEYS, "Cannot read PKCS#11 configuration " + pkcs11Config);
            }
            return new Pkcs11KeyStorage(pkcs11Config.toString(),
                    terminal.secret(pinVariable, "PIN of the " + role + "PKCS#11 token of " + pkcs11Config));
        } catch (KeyUnavailableException e) {
            throw new CeremonyException(CeremonyException.KEYS, e.getMessage(), e);
        }
    }

    private static void requirePassword(Path file, char[] password) {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance("PKCS12").load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new CeremonyException(CeremonyException.KEYS, "Wrong password for PKCS#12 file " + file);
            }
            throw new CeremonyException(CeremonyException.KEYS, "Cannot read PKCS#12 file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CeremonyException(CeremonyException.KEYS, "Cannot read PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }
}
