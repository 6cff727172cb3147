package uz.eimzo.ca.ceremony;

import picocli.CommandLine.Option;
import uz.eimzo.ca.keys.KeyStorage;

import java.nio.file.Path;

/** Where the parent CA's key is, when it is not in the storage given for the new key (an offline root). */
public final class ParentKeyStorageOptions {

    static final String PKCS12_PASSWORD = "EIMZO_PARENT_KEYSTORE_PASSWORD";
    static final String PKCS11_PIN = "EIMZO_PARENT_PKCS11_PIN";

    @Option(names = "--parent-pkcs12", paramLabel = "FILE", required = true,
            description = "PKCS#12 file holding the parent CA key; password from " + PKCS12_PASSWORD + " or a prompt")
    Path pkcs12;

    @Option(names = "--parent-pkcs11-config", paramLabel = "FILE", required = true,
            description = "SunPKCS11 configuration of the token holding the parent CA key; PIN from " + PKCS11_PIN)
    Path pkcs11Config;

    KeyStorage open(Terminal terminal) {
        KeyStorageOptions options = new KeyStorageOptions();
        options.pkcs12 = pkcs12;
        options.pkcs11Config = pkcs11Config;
        return options.open(terminal, PKCS12_PASSWORD, PKCS11_PIN, "parent CA's ");
    }
}
