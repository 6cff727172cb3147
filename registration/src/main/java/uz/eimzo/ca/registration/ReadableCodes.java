package uz.eimzo.ca.registration;

import java.security.SecureRandom;

/**
 * Random codes a person reads aloud or types from paper (enrollment references and secrets, online-application
 * references and tracking secrets): capitals and digits without the look-alikes 0/O and 1/I, 5 bits each.
 */
final class ReadableCodes {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private ReadableCodes() {
    }

    static String random(SecureRandom random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
