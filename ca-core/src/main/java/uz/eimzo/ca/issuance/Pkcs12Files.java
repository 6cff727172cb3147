package uz.eimzo.ca.issuance;

import uz.eimzo.ca.gost.UzDst;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * PKCS#12 files for applicants, laid out so that the E-IMZO agent lists and opens them (the rules are in
 * docs/gost-uz.md, "Key files the E-IMZO agent opens"): version 3, authSafe of type data; the shrouded key
 * bag in a plain data SafeContents with friendlyName and localKeyId, so the alias is listed before any
 * password; the certificates in a second plain data SafeContents. The key is PBES2 (PBKDF2-HMAC-SHA256,
 * AES-256-CBC), the MAC HMAC-SHA256 with the PKCS#12 key derivation; GOST-UZ keys in the agent's PKCS#8 form.
 * The JDK's PKCS12 keystore reads the same files.
 */
final class Pkcs12Files {

    /** No look-alike characters (0/O, 1/l/I): the password is read off a screen and typed. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int PASSWORD_LENGTH = 16;
    private static final int ITERATIONS = 10_000;

    private static final String DATA = "1.2.840.113549.1.7.1";
    private static final String SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2";
    private static final String CERT_BAG = "1.2.840.113549.1.12.10.1.3";
    private static final String X509_CERTIFICATE = "1.2.840.113549.1.9.22.1";
    private static final String FRIENDLY_NAME = "1.2.840.113549.1.9.20";
    private static final String LOCAL_KEY_ID = "1.2.840.113549.1.9.21";
    private static final String PBES2 = "1.2.840.113549.1.5.13";
    private static final String PBKDF2 = "1.2.840.113549.1.5.12";
    private static final String HMAC_SHA256 = "1.2.840.113549.2.9";
    private static final String AES256_CBC = "2.16.840.1.101.3.4.1.42";
    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    private Pkcs12Files() {
    }

    static char[] newPassword(SecureRandom random) {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return password;
    }

    /** Key, its certificate first in {@code chain}, then the issuers; {@code alias} is the friendlyName. */
    static byte[] write(PrivateKey key, List<X509Certificate> chain, char[] password, String alias, SecureRandom random) {
        try {
            byte[] localKeyId = MessageDigest.getInstance("SHA-1").digest(chain.getFirst().getPublicKey().getEncoded());
            byte[] attributes = Der.set(
                    Der.sequence(Der.oid(FRIENDLY_NAME), Der.set(Der.bmpString(alias))),
                    Der.sequence(Der.oid(LOCAL_KEY_ID), Der.set(Der.octetString(localKeyId))));
            byte[] pkcs8 = UzDst.agentPkcs8(key);
            byte[] keyBag = Der.sequence(Der.oid(SHROUDED_KEY_BAG), Der.explicit(0, shroud(pkcs8, password, random)), attributes);
            Arrays.fill(pkcs8, (byte) 0);

            byte[][] certBags = new byte[chain.size()][];
            for (int i = 0; i < chain.size(); i++) {
                byte[] bag = Der.sequence(Der.oid(X509_CERTIFICATE), Der.explicit(0, Der.octetString(chain.get(i).getEncoded())));
                certBags[i] = i == 0
                        ? Der.sequence(Der.oid(CERT_BAG), Der.explicit(0, bag), attributes)
                        : Der.sequence(Der.oid(CERT_BAG), Der.explicit(0, bag));
            }
            byte[] authenticatedSafe = Der.sequence(data(Der.sequence(keyBag)), data(Der.sequence(certBags)));

            byte[] macSalt = new byte[16];
            random.nextBytes(macSalt);
            Mac mac = Mac.getInstance("HmacPBESHA256");
            mac.init(SecretKeyFactory.getInstance("PBE").generateSecret(new PBEKeySpec(password)),
                    new PBEParameterSpec(macSalt, ITERATIONS));
            byte[] macData = Der.sequence(
                    Der.sequence(Der.sequence(Der.oid(SHA256), Der.nullValue()), Der.octetString(mac.doFinal(authenticatedSafe))),
                    Der.octetString(macSalt), Der.integer(ITERATIONS));
            return Der.sequence(Der.integer(3), data(authenticatedSafe), macData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write PKCS#12", e);
        }
    }

    /** ContentInfo of type data: [0] EXPLICIT OCTET STRING. */
    private static byte[] data(byte[] content) {
        return Der.sequence(Der.oid(DATA), Der.explicit(0, Der.octetString(content)));
    }

    /** EncryptedPrivateKeyInfo under PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC. */
    private static byte[] shroud(byte[] pkcs8, char[] password, SecureRandom random) throws GeneralSecurityException {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] aesKey = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 256)).getEncoded();
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
        Arrays.fill(aesKey, (byte) 0);
        byte[] algorithm = Der.sequence(Der.oid(PBES2), Der.sequence(
                Der.sequence(Der.oid(PBKDF2), Der.sequence(Der.octetString(salt), Der.integer(ITERATIONS),
                        Der.sequence(Der.oid(HMAC_SHA256), Der.nullValue()))),
                Der.sequence(Der.oid(AES256_CBC), Der.octetString(iv))));
        return Der.sequence(algorithm, Der.octetString(cipher.doFinal(pkcs8)));
    }
}
