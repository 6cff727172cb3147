package uz.eimzo.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What revocation needs of the certificate store: the certificate row, locked while its status changes, the
 * change itself, and the hashed revocation codes. Declared here so that revocation does not depend on the store.
 */
public interface RevocationStore {

    Optional<CertificateRecord> find(int caId, BigInteger serial);

    /** The issued (not PENDING) certificate, locked until the caller's transaction ends; empty when unknown. */
    Optional<CertificateRecord> lockIssued(int caId, BigInteger serial);

    /**
     * Sets the status under a new revision and tells the responders (NOTIFY {@link Revocations#CHANNEL}) once the
     * transaction commits.
     *
     * @param revokedAt null when the certificate becomes good again; so are the reason and invalidity date
     */
    void changeStatus(int caId, BigInteger serial, CertificateStatus status, Instant revokedAt, RevocationReason reason,
                      Instant invalidityDate);

    /** Stores the hash of a certificate's revocation code. */
    void setRevocationCode(int caId, BigInteger serial, byte[] codeSha256);

    /** Gives a certificate without a code its predecessor's. */
    void carryOverRevocationCode(int fromCaId, BigInteger fromSerial, int toCaId, BigInteger toSerial);

    /** The CAs and stored code hashes of the certificates with this serial (one per CA at most). */
    List<CodeHolder> revocationCodes(BigInteger serial);

    /** A certificate that may hold a revocation code; {@code codeSha256} null when it has none. */
    record CodeHolder(int caId, byte[] codeSha256) {
    }
}
