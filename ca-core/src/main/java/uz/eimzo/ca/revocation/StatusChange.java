package uz.eimzo.ca.revocation;


import java.math.BigInteger;

/**
 * One committed change of a certificate's status: a revocation, a suspension or a restore.
 *
 * @param reason the revocation reason, or null for a restore
 */
public record StatusChange(String caName, BigInteger serial, CertificateStatus from, CertificateStatus to,
                           RevocationReason reason) {
}
