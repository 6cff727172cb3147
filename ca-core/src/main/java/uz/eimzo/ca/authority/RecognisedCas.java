package uz.eimzo.ca.authority;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.x509.Certificates;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The external CAs this centre recognises, and the lookup other parts use to ask "was this certificate issued by
 * a CA we recognise?" ({@link #issuerOf}, {@link #chainOf}): e.g. renewal for a holder of another centre's
 * certificate. A certificate is attributed to a recognised CA only when that CA's key verifies its signature
 * (GOST-UZ through the project's provider, like every other algorithm, by the JCA); a name match is not enough.
 * Recognising one is {@link Authorities#recognise}.
 */
public final class RecognisedCas {

    private final JdbcClient jdbc;

    public RecognisedCas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RecognisedCa> all() {
        return jdbc.sql("select * from recognised_ca order by id").query(RecognisedCas::map).list();
    }

    public Optional<RecognisedCa> byName(String name) {
        return jdbc.sql("select * from recognised_ca where name = ?").param(name).query(RecognisedCas::map).optional();
    }

    public Optional<RecognisedCa> byId(int id) {
        return jdbc.sql("select * from recognised_ca where id = ?").param(id).query(RecognisedCas::map).optional();
    }

    /** The recognised CA whose key verifies {@code certificate}'s signature, if one does. */
    public Optional<RecognisedCa> issuerOf(X509Certificate certificate) {
        return candidateIssuers(certificate).stream().filter(ca -> signedBy(certificate, ca.certificate())).findFirst();
    }

    /** The recognised CAs named as {@code certificate}'s issuer, whether or not their keys verify it. */
    public List<RecognisedCa> candidateIssuers(X509Certificate certificate) {
        return all().stream()
                .filter(ca -> ca.certificate().getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .toList();
    }

    /** {@code ca} and its issuers up to the recognised root, the CA first. */
    public List<RecognisedCa> chainOf(RecognisedCa ca) {
        List<RecognisedCa> chain = new ArrayList<>(List.of(ca));
        for (RecognisedCa at = ca; at.issuerId() != null; ) {
            at = byId(at.issuerId()).orElseThrow();
            chain.add(at);
        }
        return List.copyOf(chain);
    }

    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    int insert(String name, X509Certificate certificate, Integer issuerId, String actor) {
        byte[] der = Certificates.der(certificate);
        return jdbc.sql("""
                insert into recognised_ca (name, subject_dn, issuer_id, certificate, cert_sha256, key_algorithm,
                                           not_before, not_after, recognised_by, recognised_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, now()) returning id""")
                .params(name, certificate.getSubjectX500Principal().getName(), issuerId, der, Certificates.sha256(der),
                        keyAlgorithm(certificate), Timestamp.from(certificate.getNotBefore().toInstant()),
                        Timestamp.from(certificate.getNotAfter().toInstant()), actor)
                .query(Integer.class).single();
    }

    Optional<RecognisedCa> byCertificate(X509Certificate certificate) {
        return jdbc.sql("select * from recognised_ca where cert_sha256 = ?")
                .param(Certificates.sha256(Certificates.der(certificate))).query(RecognisedCas::map).optional();
    }

    /** Our key type's name where we have one (GOST_UZ for both national families), else the JCA's. */
    private static String keyAlgorithm(X509Certificate certificate) {
        return KeyAlgorithm.of(certificate.getPublicKey()).map(Enum::name)
                .orElse(certificate.getPublicKey().getAlgorithm());
    }

    private static RecognisedCa map(ResultSet rs, int row) throws SQLException {
        return new RecognisedCa(rs.getInt("id"), rs.getString("name"), Certificates.parse(rs.getBytes("certificate")),
                rs.getObject("issuer_id", Integer.class), rs.getString("key_algorithm"),
                rs.getString("recognised_by"), rs.getTimestamp("recognised_at").toInstant());
    }
}
