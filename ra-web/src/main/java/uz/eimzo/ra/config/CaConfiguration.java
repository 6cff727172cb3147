package uz.eimzo.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.profile.ProfileCatalog;
import uz.eimzo.ca.signing.CaSigner;
import uz.eimzo.ca.signing.CmpProtection;
import uz.eimzo.ca.signing.KeyProbe;
import uz.eimzo.ca.signing.KeyStorageSettings;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

/** Wires the CA core into the application from {@link CaProperties}. */
@Configuration(proxyBeanMethods = false)
public class CaConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The CA's keys, behind the signing module: the only bean that holds them. */
    @Bean
    CaSigner caSigner(CaProperties properties) {
        return CaSigner.from(new KeyStorageSettings(properties.pkcs12(), properties.pkcs12Password(),
                properties.pkcs11Config(), properties.pkcs11Pin()));
    }

    /** What the CMP server may ask of the CA's keys: a protected answer, nothing else. */
    @Bean
    CmpProtection cmpProtection(CaSigner signer) {
        return signer.cmpProtection();
    }

    /** What the health check may ask of the CA's keys: whether each signs a probe. */
    @Bean
    KeyProbe keyProbe(CaSigner signer) {
        return signer.keyProbe();
    }

    @Bean
    ProfileCatalog profileCatalog(CaProperties properties) {
        return ProfileCatalog.defaults(properties.policyArc(), properties.cpsUrl(), EnumSet.allOf(KeyAlgorithm.class),
                KeyAlgorithm.EC_P256).withValidities(properties.profileValidity() == null ? Map.of()
                : properties.profileValidity()).withPolicies(properties.profilePolicies() == null ? Map.of()
                : properties.profilePolicies(), properties.cpsUrl())
                .withNonGostKeysUnderGostCa(properties.profileNonGostKeysUnderGostCa() == null ? Map.of()
                        : properties.profileNonGostKeysUnderGostCa());
    }

    @Bean
    CaServices caServices(DataSource dataSource, CaSigner signer, ProfileCatalog profiles,
                          CaProperties properties, Clock clock) {
        return CaServices.create(dataSource, signer, profiles,
                new PublicationUrls(properties.responderUrl()), clock);
    }
}
