package uz.eimzo.ca.issuance;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Random positive serial numbers with 127 bits of entropy (RFC 5280 allows at most 20 octets). */
final class SerialNumbers {

    private final SecureRandom random;

    SerialNumbers(SecureRandom random) {
        this.random = random;
    }

    BigInteger next() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.bitLength() < 64);
        return serial;
    }
}
