package uz.eimzo.ca.signing;

import uz.eimzo.ca.keys.KeyFiles;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs11KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a CA node's keys live, as configured: a PKCS#12 file, a PKCS#11 token, both or neither.
 *
 * @param pkcs12         PKCS#12 file holding CA keys, or null
 * @param pkcs12Password its password; null: made at random on first start and kept owner-only beside the file
 * @param pkcs11Config   SunPKCS11 configuration file of an HSM, or null
 * @param pkcs11Pin      the token PIN, or null
 */
public record KeyStorageSettings(Path pkcs12, String pkcs12Password, Path pkcs11Config, String pkcs11Pin) {

    /** No key storage: a node that signs nothing (keys are then reported unavailable). */
    public static final KeyStorageSettings NONE = new KeyStorageSettings(null, null, null, null);

    @Override
    public String toString() {
        // Never the password or PIN.
        return "KeyStorageSettings[pkcs12=" + pkcs12 + ", pkcs11Config=" + pkcs11Config + "]";
    }

    List<KeyStorage> open() {
        List<KeyStorage> storages = new ArrayList<>();
        if (pkcs12 != null) {
            storages.add(new Pkcs12KeyStorage(pkcs12, KeyFiles.password(pkcs12, pkcs12Password)));
        }
        if (pkcs11Config != null) {
            storages.add(new Pkcs11KeyStorage(pkcs11Config.toString(),
                    pkcs11Pin == null ? new char[0] : pkcs11Pin.toCharArray()));
        }
        return storages;
    }
}
