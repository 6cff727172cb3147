package uz.eimzo.ca;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.audit.AuditLog;
import uz.eimzo.ca.authority.Authorities;
import uz.eimzo.ca.authority.CaDirectory;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.issuance.ExternalRenewalStore;
import uz.eimzo.ca.issuance.Issuer;
import uz.eimzo.ca.issuance.Ledger;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.revocation.RevocationCodes;
import uz.eimzo.ca.revocation.Revocations;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.storage.CertificateStore;
import uz.eimzo.ca.storage.CmpTransactionStore;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The CA core assembled on one database: what the RA, the CLI and the tests call. It hands out services and the
 * certificate store, never the database itself: SQL lives in the stores.
 */
public record CaServices(
        AuditLog audit,
        CaDirectory authoritiesDirectory,
        Authorities authorities,
        Issuer issuer,
        Revocations revocations,
        RevocationCodes revocationCodes,
        CertificateStore certificates,
        CmpTransactionStore cmpTransactions,
        ProfileCatalog profiles) {

    public static CaServices create(DataSource dataSource, CaSigner signer, ProfileCatalog profiles,
                                    PublicationUrls urls, Clock clock) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        AuditLog audit = new AuditLog(jdbc, tx, clock);
        CaDirectory directory = new CaDirectory(jdbc);
        CertificateStore certificates = new CertificateStore(jdbc);
        Issuer issuer = new Issuer(new Ledger(jdbc), new ExternalRenewalStore(jdbc), certificates, tx, directory, signer, audit, profiles, urls, clock, new SecureRandom());
        Revocations revocations = new Revocations(certificates, tx, directory, audit, clock);
        return new CaServices(audit, directory, new Authorities(directory, tx, audit, issuer), issuer, revocations,
                new RevocationCodes(certificates, directory, revocations), certificates,
                new CmpTransactionStore(jdbc, tx), profiles);
    }
}
