package uz.eimzo.ca.issuance;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.certificates.CertificateRecord;
import uz.eimzo.ca.certificates.CertificateRepository;
import uz.eimzo.ca.keys.KeyAlgorithm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * Server-made keys handed over as {@code DS<PINFL or STIR><nnnn>.pfx} files in the E-IMZO agent's layout, with a fresh
 * one-time password, and renewal onto such a key in the current key's algorithm.
 */
final class DsFiles {

    private final Issuer issuer;
    private final JdbcClient jdbc;
    private final CaDirectory cas;
    private final SecureRandom random;

    DsFiles(Issuer issuer, JdbcClient jdbc, CaDirectory cas, SecureRandom random) {
        this.issuer = issuer;
        this.jdbc = jdbc;
        this.cas = cas;
        this.random = random;
    }

    /** Renews {@code currentSerial} onto a new key made here in its key's algorithm (GOST-UZ stays GOST-UZ). */
    KeyBundle renew(String caName, BigInteger currentSerial, String requester) {
        CertificateRecord current = new CertificateRepository(jdbc).find(cas.require(caName).id(), currentSerial)
                .orElseThrow(() -> new IssuanceException("renewal.unknown", "No certificate with serial "
                        + currentSerial.toString(16) + " under CA " + caName));
        KeyAlgorithm algorithm = KeyAlgorithm.of(current.certificate().getPublicKey()).orElseThrow(() ->
                new IssuanceException("key.notAllowed", "The current key's algorithm cannot be generated here"));
        KeyPair pair = algorithm.generate(random);
        IssuedCertificate issued = issuer.renew(caName, currentSerial, pair.getPublic(), requester);
        return pack(issued, pair, current.pinfl(), holderOf(issued, current));
    }

    /** The key, its certificate and chain in a {@code DS<PINFL or STIR><nnnn>.pfx} file with a fresh one-time password. */
    KeyBundle pack(IssuedCertificate issued, KeyPair pair, String pinfl, String holder) {
        int counter = jdbc.sql("select count(*) from certificate where (pinfl = ? or stir = ?) and status <> 'PENDING'")
                .params(pinfl, holder).query(Integer.class).single();
        String fileName = "DS%s%04d.pfx".formatted(holder, counter % 10000);
        char[] password = Pkcs12Files.newPassword(random);
        byte[] pkcs12 = Pkcs12Files.write(pair.getPrivate(), issuer.chainOf(issued), password,
                AgentAlias.of(issued.certificate()), random);
        return new KeyBundle(issued, fileName, pkcs12, password);
    }

    /** A company's file is named after its STIR (the certificate carries the organisation), a person's after the PINFL. */
    private String holderOf(IssuedCertificate issued, CertificateRecord current) {
        Boolean organisation = jdbc.sql("select organisation_id is not null from certificate where ca_id = ? and serial = ?")
                .params(issued.ca().id(), new BigDecimal(issued.serial())).query(Boolean.class).single();
        return Boolean.TRUE.equals(organisation) ? current.stir() : current.pinfl();
    }
}
