package uz.eimzo.ca.signing;

import uz.eimzo.ca.keys.KeyUnavailableException;

/**
 * A signature the CA key just made does not verify with the CA certificate's public key (a faulty HSM, a key that is
 * not the certificate's): nothing signed may be stored or sent. The caller raises its alarm.
 */
public final class SignatureNotVerified extends KeyUnavailableException {

    public SignatureNotVerified(String message) {
        super(message);
    }
}
