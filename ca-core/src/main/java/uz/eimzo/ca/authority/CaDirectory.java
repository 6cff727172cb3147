package uz.eimzo.ca.authority;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.Certificates;

import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** The CAs recorded in the database, with the hashes OCSP requests name them by. */
public final class CaDirectory {

    private final JdbcClient jdbc;
    private final RecognisedCas recognised;

    public CaDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.recognised = new RecognisedCas(jdbc);
    }

    /** The external CAs recognised beside the ones we operate. */
    public RecognisedCas recognised() {
        return recognised;
    }

    int insert(String name, X509Certificate certificate, Integer parentId, String keyReference, KeyAlgorithm algorithm) {
        byte[] der = Certificates.der(certificate);
        byte[] name_ = certificate.getSubjectX500Principal().getEncoded();
        byte[] key = Certificates.subjectPublicKeyBits(certificate.getPublicKey());
        return jdbc.sql("""
                insert into ca (name, subject_dn, parent_id, certificate, cert_sha256, subject_key_id,
                                name_hash_sha1, key_hash_sha1, name_hash_sha256, key_hash_sha256,
                                key_reference, key_algorithm, not_before, not_after)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(name, certificate.getSubjectX500Principal().getName(), parentId, der, Certificates.sha256(der),
                        Certificates.subjectKeyId(certificate), Certificates.sha1(name_), Certificates.sha1(key),
                        Certificates.sha256(name_), Certificates.sha256(key), keyReference, algorithm.name(),
                        Timestamp.from(certificate.getNotBefore().toInstant()),
                        Timestamp.from(certificate.getNotAfter().toInstant()))
                .query(Integer.class).single();
    }

    public Optional<CertificateAuthority> byName(String name) {
        return jdbc.sql("select * from ca where name = ?").param(name).query(CaDirectory::map).optional();
    }

    public Optional<CertificateAuthority> byId(int id) {
        return jdbc.sql("select * from ca where id = ?").param(id).query(CaDirectory::map).optional();
    }

    /** The names of the CAs that sign today, in the order they were made. */
    public List<String> activeNames() {
        return jdbc.sql("select name from ca where status = 'ACTIVE' order by id").query(String.class).list();
    }

    public List<CertificateAuthority> all() {
        return jdbc.sql("select * from ca order by id").query(CaDirectory::map).list();
    }

    /**
     * The CA, or a precise refusal naming the unknown CA. Every signing path finds its CA here, so a recognised
     * external CA is refused here by name: we hold no key for it.
     */
    public CertificateAuthority require(String name) {
        return byName(name).orElseThrow(() -> recognised.byName(name).isPresent()
                ? new AuthorityException("ca.external", "CA " + name
                        + " is a recognised external CA: its key is not held here, so it cannot sign")
                : new AuthorityException("ca.unknown", "Unknown CA: " + name));
    }

    private static CertificateAuthority map(ResultSet rs, int row) throws SQLException {
        // getObject, not getInt + wasNull: wasNull reports the last column read, and a root's parent is null.
        Integer parent = rs.getObject("parent_id", Integer.class);
        return new CertificateAuthority(rs.getInt("id"), rs.getString("name"),
                Certificates.parse(rs.getBytes("certificate")), parent,
                rs.getString("key_reference"), KeyAlgorithm.valueOf(rs.getString("key_algorithm")));
    }
}
