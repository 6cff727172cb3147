package uz.eimzo.ca.issuance;

import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.CertificateProfile;
import uz.eimzo.ca.profile.Subject;
import uz.eimzo.ca.revocation.CertificateRecord;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.List;
import java.security.PrivateKey;
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

    /**
     * Generates the key here, certifies it and packs key, certificate, issuing CA and root. The E-IMZO ecosystem is
     * GOST-only: under a GOST-UZ CA the key is GOST-UZ whatever the profile's general server key type (a profile that
     * does not accept GOST-UZ keys then refuses it clearly).
     */
    KeyBundle issue(String caName, CertificateProfile profile, List<String> purposes, Subject subject, String requester,
                    RegistrationIds links) {
        KeyAlgorithm algorithm = cas.require(caName).keyAlgorithm() == KeyAlgorithm.GOST_UZ
                ? KeyAlgorithm.GOST_UZ : profile.serverKeyAlgorithm();
        KeyPair pair = algorithm.generate(random);
        IssuedCertificate issued = issuer.issue(new EndEntityRequest(caName, profile.name(), subject, pair.getPublic(),
                requester, links, purposes));
        String holder = subject.organisation() != null ? subject.organisation().stir().value() : subject.pinfl().value();
        return pack(issued, pair, subject.pinfl().value(), holder);
    }

    /** The key, its certificate and chain in a {@code DS<PINFL or STIR><nnnn>.pfx} file with a fresh one-time password. */
    KeyBundle pack(IssuedCertificate issued, KeyPair pair, String pinfl, String holder) {
        return bundle(issued, pair.getPrivate(), fileName(pinfl, holder), AgentAlias.of(issued.certificate()));
    }

    /** Packs a key generated here with its certificate and chain into a PKCS#12 file with a fresh random password. */
    KeyBundle bundle(IssuedCertificate issued, PrivateKey key, String fileName, String alias) {
        char[] password = Pkcs12Files.newPassword(random);
        return new KeyBundle(issued, fileName, Pkcs12Files.write(key, issuer.chainOf(issued), password, alias, random),
                password);
    }

    /**
     * The name E-IMZO gives a holder's key file: {@code DS<holder><nnnn>.pfx}, the holder being the company's STIR
     * for a company certificate and the PINFL otherwise, numbered by the certificates issued to them so far.
     */
    String fileName(String pinfl, String holder) {
        return "DS%s%04d.pfx".formatted(holder, certificates.countIssuedTo(pinfl, holder) % 10000);
    }
}
