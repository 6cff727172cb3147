package uz.eimzo.ca.ceremony;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine.Option;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.signing.CaSigner;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/** Where the CA database is; its password comes from {@code EIMZO_DB_PASSWORD} or a prompt. */
public final class DatabaseOptions {

    static final String PASSWORD_VARIABLE = "EIMZO_DB_PASSWORD";

    /** A publication base for commands that certify nothing: no URL of it ever reaches a certificate. */
    private static final PublicationUrls UNUSED_URLS = new PublicationUrls("http://publication-url-not-given.invalid");

    @Option(names = "--db-url", required = true, paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL of the CA database, e.g. jdbc:postgresql://db:5432/eimzo")
    String url;

    @Option(names = "--db-user", defaultValue = "eimzo", paramLabel = "USER",
            description = "Database user (default: ${DEFAULT-VALUE}); password from " + PASSWORD_VARIABLE + " or a prompt")
    String user;

    /** The database connected, migrated, and the CA core on it; close it when the command is done. */
    Session open(Terminal terminal, CaSigner signer, PublicationUrls urls) {
        char[] password = terminal.secret(PASSWORD_VARIABLE, "Password of database user " + user);
        String pw = new String(password);
        try (Connection ignored = DriverManager.getConnection(url, user, pw)) {
            // Connecting once first turns a wrong password or host into one clear sentence.
        } catch (SQLException e) {
            throw new CeremonyException(CeremonyException.DATABASE,
                    "Cannot connect to " + url + " as " + user + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(url, user, pw).locations("classpath:db/migration").load().migrate();
        } catch (FlywayException e) {
            throw new CeremonyException(CeremonyException.DATABASE, "Cannot migrate the database at " + url + ": "
                    + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(pw);
        config.setMaximumPoolSize(2);
        config.setPoolName("ceremony");
        HikariDataSource dataSource = new HikariDataSource(config);
        CaServices services = CaServices.create(dataSource, signer, new ProfileCatalog(List.of()),
                urls == null ? UNUSED_URLS : urls, Clock.systemUTC());
        return new Session(dataSource, services);
    }

    /** An open database and the CA core on it. */
    record Session(HikariDataSource dataSource, CaServices services) implements AutoCloseable {

        /** For the commands that build a store of their own (the audit verifiers). */
        JdbcClient jdbc() {
            return JdbcClient.create(dataSource);
        }

        TransactionTemplate transactions() {
            return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        }

        @Override
        public void close() {
            dataSource.close();
        }
    }
}
