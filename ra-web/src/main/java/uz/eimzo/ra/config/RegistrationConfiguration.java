package uz.eimzo.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.registration.CertificateSearch;
import uz.eimzo.ca.registration.PersonalDataCipher;
import uz.eimzo.ra.limits.ScanLimits;
import uz.eimzo.ca.registration.Registrations;

import javax.sql.DataSource;
import java.time.Clock;
import uz.eimzo.ca.registration.DocumentScans;
import uz.eimzo.ca.registration.EnrollmentCodes;

/** Wires the registration workflow of the core into the application. */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    @Bean
    PersonalDataCipher personalDataCipher(RaProperties properties) {
        if (properties.personalDataKey() == null || properties.personalDataKey().isBlank()) {
            throw new IllegalStateException("Set eimzo.ra.personal-data-key (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        return PersonalDataCipher.fromBase64(properties.personalDataKey());
    }

    @Bean
    Registrations registrations(CaServices ca, JdbcClient jdbc, DataSource dataSource, PersonalDataCipher cipher, RaProperties properties, Clock clock) {
        return new Registrations(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), ca.audit(), ca.issuer(), ca.revocationCodes(), ca.profiles(), cipher, clock,
                properties.issuingCa());
    }

    @Bean
    DocumentScans documentScans(CaServices ca, JdbcClient jdbc, DataSource dataSource, Registrations registrations, PersonalDataCipher cipher,
                                ScanLimits limits) {
        return new DocumentScans(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), ca.audit(), registrations, cipher,
                (int) limits.maxFileSize().toBytes());
    }

    @Bean
    EnrollmentCodes enrollmentCodes(CaServices ca, JdbcClient jdbc, DataSource dataSource, Registrations registrations,
                                                             PersonalDataCipher cipher, Clock clock) {
        return new EnrollmentCodes(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), ca.audit(), registrations, cipher, clock);
    }

    @Bean
    CertificateSearch certificateSearch(JdbcClient jdbc) {
        return new CertificateSearch(jdbc);
    }
}
