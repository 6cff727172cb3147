package uz.eimzo.ca.crl;

import uz.eimzo.ca.x509.CrlEncoder;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.time.Instant;

/**
 * A CRL as signed and stored.
 *
 * @param baseCrlNumber for a delta CRL, the full CRL it completes; null for a full CRL
 */
public record IssuedCrl(String caName, BigInteger crlNumber, BigInteger baseCrlNumber, Instant thisUpdate,
                        Instant nextUpdate, long maxRevision, int entries, byte[] der) {

    public boolean delta() {
        return baseCrlNumber != null;
    }

    /** Parsed by the JDK: fine for tests and small CRLs, heavy for a million entries. */
    public X509CRL x509() {
        return CrlEncoder.parse(der);
    }
}
