package uz.eimzo.ca.keys;

import java.nio.file.Path;

/**
 * Where a responder or time-stamp authority keeps its own delegated key, as configured: a PKCS#12 file or a PKCS#11
 * token. Its application's signing package opens it; configuration hands over the settings, never a storage.
 *
 * @param prefix       the properties' prefix, for errors (e.g. {@code eimzo.ocsp.keys})
 * @param type         {@code pkcs12} or {@code pkcs11}
 * @param pkcs12File   the PKCS#12 file
 * @param password     its password; null: made at random on first start and kept owner-only beside the file
 * @param pkcs11Config the SunPKCS11 configuration file
 * @param pin          the token PIN
 */
public record DelegatedKeyStorage(String prefix, String type, Path pkcs12File, String password, String pkcs11Config,
                                  String pin) {

    @Override
    public String toString() {
        // Never the password or PIN.
        return "DelegatedKeyStorage[" + prefix + ", type=" + type + ", pkcs12File=" + pkcs12File
                + ", pkcs11Config=" + pkcs11Config + "]";
    }

    /** Opens the storage; a missing or unknown setting is refused at start-up, naming the property. */
    public KeyStorage open() {
        return switch (type) {
            case "pkcs12" -> new Pkcs12KeyStorage(pkcs12File, KeyFiles.password(pkcs12File, password));
            case "pkcs11" -> new Pkcs11KeyStorage(required(pkcs11Config, "pkcs11-config"),
                    required(pin, "pin").toCharArray());
            default -> throw new IllegalArgumentException(prefix + ".type must be pkcs12 or pkcs11, not " + type);
        };
    }

    private String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(prefix + "." + property + " must be set");
        }
        return value;
    }
}
