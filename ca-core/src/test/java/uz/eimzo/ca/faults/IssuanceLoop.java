package uz.eimzo.ca.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.fixtures.TestCa;
import uz.eimzo.ca.issuance.EndEntityRequest;
import uz.eimzo.ca.issuance.RegistrationIds;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.keys.SigningKey;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.x509.Certificates;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * A CA process that issues certificates until it is killed. Each time the CA key has signed, it appends the
 * SHA-256 of the signed bytes to a file (synced to disk), so the test knows exactly what was signed.
 * Arguments: JDBC URL, user, password, PKCS#12 file, its password, signed-log file.
 */
public final class IssuanceLoop {

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(config);
             FileOutputStream signedLog = new FileOutputStream(args[5], true)) {
            KeyStorage real = new Pkcs12KeyStorage(Path.of(args[3]), args[4].toCharArray());
            KeyStorage recording = new KeyStorage() {
                public SigningKey generate(KeyAlgorithm algorithm) { return real.generate(algorithm); }
                public void store(String alias, SigningKey key, List<X509Certificate> chain) { real.store(alias, key, chain); }
                public List<X509Certificate> chain(String alias) { return real.chain(alias); }
                public String reference(String alias) { return real.reference(alias); }
                public SigningKey open(String alias) {
                    SigningKey key = real.open(alias);
                    return new SigningKey() {
                        public PublicKey publicKey() { return key.publicKey(); }
                        public KeyAlgorithm algorithm() { return key.algorithm(); }
                        public byte[] sign(byte[] tbs) {
                            byte[] signature = key.sign(tbs);
                            try {
                                signedLog.write((HexFormat.of().formatHex(Certificates.sha256(tbs)) + "\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                                signedLog.getFD().sync();
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            return signature;
                        }
                    };
                }
            };
            CaServices ca = CaServices.create(dataSource, new CaSigner(List.of(recording)), TestCa.profiles(),
                    new PublicationUrls(TestCa.RESPONDER_BASE), Clock.systemUTC());
            SecureRandom random = new SecureRandom();
            while (true) {
                ca.issuer().issue(new EndEntityRequest(TestCa.ISSUING, "individual", TestCa.individual(),
                        KeyAlgorithm.EC_P256.generate(random).getPublic(), "loop", RegistrationIds.NONE));
            }
        }
    }
}
