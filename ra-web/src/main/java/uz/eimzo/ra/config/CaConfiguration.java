package uz.eimzo.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.authority.PublicationUrls;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.keys.Pkcs11KeyStorage;
import uz.eimzo.ca.keys.KeyFiles;
import uz.eimzo.ca.keys.Pkcs12KeyStorage;
import uz.eimzo.ca.profile.ProfileCatalog;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** Wires the CA core into the application from {@link CaProperties}. */
@Configuration(proxyBeanMethods = false)
public class CaConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    List<KeyStorage> keyStorages(CaProperties properties) {
        List<KeyStorage> storages = new ArrayList<>();
        if (properties.pkcs12() != null) {
            storages.add(new Pkcs12KeyStorage(properties.pkcs12(),
                    KeyFiles.password(properties.pkcs12(), properties.pkcs12Password())));
        }
        if (properties.pkcs11Config() != null) {
            storages.add(new Pkcs11KeyStorage(properties.pkcs11Config().toString(),
                    properties.pkcs11Pin() == null ? new char[0] : properties.pkcs11Pin().toCharArray()));
        }
        return storages;
    }

    @Bean
    ProfileCatalog profileCatalog(CaProperties properties) {
        return ProfileCatalog.defaults(properties.policyArc(), properties.cpsUrl(), EnumSet.allOf(KeyAlgorithm.class),
                KeyAlgorithm.EC_P256).withValidities(properties.profileValidity() == null ? java.util.Map.of()
                : properties.profileValidity()).withPolicies(properties.profilePolicies() == null ? java.util.Map.of()
                : properties.profilePolicies(), properties.cpsUrl());
    }

    @Bean
    CaServices caServices(DataSource dataSource, List<KeyStorage> keyStorages, ProfileCatalog profiles,
                          CaProperties properties, Clock clock) {
        return CaServices.create(dataSource, new KeyResolver(keyStorages), profiles,
                new PublicationUrls(properties.responderUrl()), clock);
    }
}
