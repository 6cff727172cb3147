package uz.eimzo.ca.revocation;

import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.CertificateAuthority;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Revocation codes: a secret handed to the applicant once, at issuance, with which they revoke their own certificate
 * (reason keyCompromise) when the key is lost, without the key and without a visit. Only the hash is stored.
 */
public final class RevocationCodes {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RevocationStore store;
    private final CaDirectory cas;
    private final Revocations revocations;

    public RevocationCodes(RevocationStore store, CaDirectory cas, Revocations revocations) {
        this.store = store;
        this.cas = cas;
        this.revocations = revocations;
    }

    /** Creates and stores (hashed) a fresh code for an issued certificate; the caller shows it once. */
    public String assign(int caId, BigInteger serial) {
        String code = newCode();
        store.setRevocationCode(caId, serial, hashOf(code));
        return code;
    }

    /** Stores a code handed out earlier, already hashed (e.g. with an enrollment code), for an issued certificate. */
    public void assignHashed(int caId, BigInteger serial, byte[] codeSha256) {
        store.setRevocationCode(caId, serial, codeSha256);
    }

    /** A fresh code: 16 characters without look-alikes, in groups of four (80 bits). */
    public static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * Gives a renewed certificate its predecessor's code: a renewal through a client (CMP kur) has no page on which a
     * new code could be shown, so the code the applicant holds keeps working.
     */
    public void carryOver(int fromCaId, BigInteger fromSerial, int toCaId, BigInteger toSerial) {
        store.carryOverRevocationCode(fromCaId, fromSerial, toCaId, toSerial);
    }

    /**
     * Revokes the certificate with this serial (hex, of any of our CAs) for key compromise if the code is its own.
     * An unknown serial and a wrong code get the same answer, so the page reveals nothing about either.
     */
    public CertificateRecord revoke(String serialHex, String code, String actor) {
        BigInteger serial;
        try {
            serial = new BigInteger(serialHex.strip().replace(":", "").replace(" ", ""), 16);
        } catch (NumberFormatException | NullPointerException e) {
            throw new RevocationException("revocationCode.serial", "The serial number is hexadecimal, as printed on the certificate");
        }
        byte[] typed = hashOf(normalize(code));
        // The stored hash is read by serial and compared here in constant time; no query filters on the secret.
        Optional<Integer> caId = store.revocationCodes(serial).stream()
                .filter(holder -> MessageDigest.isEqual(typed, holder.codeSha256()))
                .map(RevocationStore.CodeHolder::caId).findFirst();
        CertificateAuthority ca = caId.flatMap(cas::byId).orElseThrow(() -> new RevocationException("revocationCode.wrong",
                "The serial number and revocation code do not match a certificate"));
        return revocations.revoke(ca.name(), serial, RevocationReason.KEY_COMPROMISE, null, actor);
    }

    /**
     * A code as it is stored, whatever way it was typed: without spaces or dashes, in upper case, then in the groups of
     * four it was handed out in ({@code PB6LPEXL4DES3M3Z} and {@code pb6l-pexl 4des-3m3z} are the same code).
     */
    static String normalize(String code) {
        String bare = code == null ? "" : code.replaceAll("[\\s\\-\u2010-\u2015\u2212]", "").toUpperCase(Locale.ROOT);
        return bare.length() == 16 ? bare.replaceAll("(.{4})(?!$)", "$1-") : bare;
    }

    /** What is stored of a code: SHA-256 of its normalised text. */
    public static byte[] hashOf(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
