package uz.eimzo.ra.archfixture;

import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.SigningKey;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** Fixture, breaks the signing-key rule: registration code that opens a CA key and signs with the JCA itself. */
class OpensCaKey {

    SigningKey open(KeyResolver keys) {
        return keys.open("issuing-ca");
    }

    byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }
}
