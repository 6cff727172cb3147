package uz.eimzo.ca;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.authority.Authorities;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.storage.CertificateStore;
import uz.eimzo.ca.issuance.Issuer;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.revocation.Revocations;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;

/** The CA core assembled on one database: what the RA, the CLI and the tests call. */
public record CaServices(
        JdbcClient jdbc,
        TransactionTemplate transactions,
        AuditLog audit,
        CaDirectory authoritiesDirectory,
        Authorities authorities,
        Issuer issuer,
        Revocations revocations,
        CertificateStore certificates,
        ProfileCatalog profiles) {

    public static CaServices create(DataSource dataSource, KeyResolver keys, ProfileCatalog profiles,
                                    PublicationUrls urls, Clock clock) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        AuditLog audit = new AuditLog(jdbc, clock);
        CaDirectory directory = new CaDirectory(jdbc);
        Issuer issuer = new Issuer(jdbc, tx, directory, keys, audit, profiles, urls, clock, new SecureRandom());
        return new CaServices(jdbc, tx, audit, directory, new Authorities(directory, tx, audit, issuer), issuer,
                new Revocations(jdbc, tx, directory, audit, clock), new CertificateStore(jdbc), profiles);
    }
}
