package uz.eimzo.ocsp.publication;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Optional;

/** The CRLs and CA certificates relying parties download, read from the database the CA writes them to. */
public final class Publications {

    private final JdbcClient jdbc;

    public Publications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest full CRL of a CA. */
    public Optional<byte[]> fullCrl(String caName) {
        return jdbc.sql("""
                select c.der from crl c join ca on ca.id = c.ca_id
                where ca.name = ? and c.base_crl_number is null order by c.crl_number desc limit 1""")
                .param(caName).query(byte[].class).optional();
    }

    /** The newest delta CRL of a CA. */
    public Optional<byte[]> deltaCrl(String caName) {
        return jdbc.sql("""
                select c.der from crl c join ca on ca.id = c.ca_id
                where ca.name = ? and c.base_crl_number is not null order by c.crl_number desc limit 1""")
                .param(caName).query(byte[].class).optional();
    }

    public Optional<byte[]> caCertificate(String caName) {
        return jdbc.sql("select certificate from ca where name = ?").param(caName).query(byte[].class).optional();
    }
}
