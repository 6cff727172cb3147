package uz.eimzo.ca.x509;

/** The keyUsage bits of RFC 5280 4.2.1.3 that our profiles set. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(0), NON_REPUDIATION(1), KEY_ENCIPHERMENT(2), DATA_ENCIPHERMENT(3), KEY_AGREEMENT(4),
    KEY_CERT_SIGN(5), CRL_SIGN(6);

    private final int bit;

    KeyUsageBit(int bit) {
        this.bit = bit;
    }

    /** Index in {@link java.security.cert.X509Certificate#getKeyUsage()}. */
    public int bit() {
        return bit;
    }
}
