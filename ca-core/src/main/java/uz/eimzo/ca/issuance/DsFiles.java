package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.revocation.CertificateRecord;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * Server-made keys handed over as {@code DS<PINFL or STIR><nnnn>.pfx} files in the E-IMZO agent's layout, with a fresh
 * one-time password, and renewal onto such a key in the current key's algorithm.
 */
final class DsFiles {

    private final Issuer issuer;
    private final IssuanceStore certificates;
    private final CaDirectory cas;
    private final SecureRandom random;

    DsFiles(Issuer issuer, IssuanceStore certificates, CaDirectory cas, SecureRandom random) {
        this.issuer = issuer;
        this.certificates = certificates;
        this.cas = cas;
        this.random = random;
    }

    /** Renews {@code currentSerial} onto a new key made here in its key's algorithm (GOST-UZ stays GOST-UZ). */
    KeyBundle renew(String caName, BigInteger currentSerial, String requester) {
        CertificateRecord current = certificates.find(cas.require(caName).id(), currentSerial)
                .orElseThrow(() -> new IssuanceException("renewal.unknown", "No certificate with serial "
                        + currentSerial.toString(16) + " under CA " + caName));
        KeyAlgorithm algorithm = KeyAlgorithm.of(current.certificate().getPublicKey()).orElseThrow(() ->
                new IssuanceException("key.notAllowed", "The current key's algorithm cannot be generated here"));
        KeyPair pair = algorithm.generate(random);
        IssuedCertificate issued = issuer.renew(caName, currentSerial, pair.getPublic(), requester);
        String holder = certificates.ofOrganisation(issued.ca().id(), issued.serial()) ? current.stir() : current.pinfl();
        return pack(issued, pair, current.pinfl(), holder);
    }

    /** The key, its certificate and chain in a {@code DS<PINFL or STIR><nnnn>.pfx} file with a fresh one-time password. */
    KeyBundle pack(IssuedCertificate issued, KeyPair pair, String pinfl, String holder) {
        char[] password = Pkcs12Files.newPassword(random);
        byte[] pkcs12 = Pkcs12Files.write(pair.getPrivate(), issuer.chainOf(issued), password,
                AgentAlias.of(issued.certificate()), random);
        return new KeyBundle(issued, issuer.keyFileName(pinfl, holder), pkcs12, password);
    }
}
