package uz.eimzo.ca.issuance;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/** PKCS#12 files for applicants: the JDK's PBES2 (AES-256, PBKDF2-HMAC-SHA256) protection and a random password. */
final class Pkcs12Files {

    /** No look-alike characters (0/O, 1/l/I): the password is read off a screen and typed. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 16;

    private Pkcs12Files() {
    }

    static char[] newPassword(SecureRandom random) {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    static byte[] write(PrivateKey key, List<X509Certificate> chain, char[] password, String alias) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("Cannot write PKCS#12", e);
        }
    }
}
