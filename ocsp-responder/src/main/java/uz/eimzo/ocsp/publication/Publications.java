package uz.eimzo.ocsp.publication;

import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ocsp.replica.ReadRouting;

import java.util.Optional;

/**
 * The CRLs and CA certificates relying parties download, read from the database the CA writes them to, or from its
 * read replica while that is at most the configured lag behind.
 */
public final class Publications {

    private final ReadRouting reads;

    public Publications(JdbcClient jdbc) {
        this(ReadRouting.primaryOnly(jdbc));
    }

    public Publications(ReadRouting reads) {
        this.reads = reads;
    }

    /** The newest full CRL of a CA. */
    public Optional<byte[]> fullCrl(String caName) {
        return reads.bulk(jdbc -> jdbc.sql("""
                select c.der from crl c join ca on ca.id = c.ca_id
                where ca.name = ? and c.base_crl_number is null order by c.crl_number desc limit 1""")
                .param(caName).query(byte[].class).optional());
    }

    /** The newest delta CRL of a CA. */
    public Optional<byte[]> deltaCrl(String caName) {
        return reads.bulk(jdbc -> jdbc.sql("""
                select c.der from crl c join ca on ca.id = c.ca_id
                where ca.name = ? and c.base_crl_number is not null order by c.crl_number desc limit 1""")
                .param(caName).query(byte[].class).optional());
    }

    public Optional<byte[]> caCertificate(String caName) {
        return reads.bulk(jdbc -> jdbc.sql("select certificate from ca where name = ?").param(caName)
                .query(byte[].class).optional());
    }
}
