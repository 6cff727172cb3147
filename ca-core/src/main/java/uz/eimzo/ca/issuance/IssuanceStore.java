package uz.eimzo.ca.issuance;

import uz.eimzo.ca.revocation.CertificateRecord;

import java.math.BigInteger;
import java.util.Optional;

/**
 * What issuance reads of the certificate store (renewal and file naming). Its writes, the PENDING row and its
 * completion, stay in {@link Ledger}, the only place a {@link RecordedTbs} can be made.
 */
public interface IssuanceStore {

    Optional<CertificateRecord> find(int caId, BigInteger serial);

    /** The registration rows the certificate was issued for. */
    RegistrationIds registrationIds(int caId, BigInteger serial);

    /** Issued certificates (not PENDING) of this person or organisation: numbers the E-IMZO key file names. */
    int countIssuedTo(String pinfl, String stir);

    /** Whether the certificate was issued to an organisation (its key file is then named after the STIR). */
    boolean ofOrganisation(int caId, BigInteger serial);
}
