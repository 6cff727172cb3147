package uz.eimzo.ca.x509;

/** The keyUsage bits of RFC 5280 4.2.1.3 that our profiles set. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(0, "digitalSignature"), NON_REPUDIATION(1, "nonRepudiation"),
    KEY_ENCIPHERMENT(2, "keyEncipherment"), DATA_ENCIPHERMENT(3, "dataEncipherment"), KEY_AGREEMENT(4, "keyAgreement"),
    KEY_CERT_SIGN(5, "keyCertSign"), CRL_SIGN(6, "cRLSign");

    private final int bit;
    private final String rfcName;

    KeyUsageBit(int bit, String rfcName) {
        this.bit = bit;
        this.rfcName = rfcName;
    }

    /** Index in {@link java.security.cert.X509Certificate#getKeyUsage()}. */
    public int bit() {
        return bit;
    }

    /** The name RFC 5280's ASN.1 gives the bit, as the RFCs that restrict it spell it. */
    public String rfcName() {
        return rfcName;
    }
}
