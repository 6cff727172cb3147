package uz.eimzo.ca.issuance;

/**
 * A server-generated key with its certificate, issuing CA and root in a PKCS#12 file named as E-IMZO
 * users expect ({@code DS<PINFL or STIR><nnnn>.pfx}). The password is shown once and never stored.
 */
public record KeyBundle(IssuedCertificate issued, String fileName, byte[] pkcs12, char[] password) {
}
