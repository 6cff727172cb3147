package uz.eimzo.ra.cmp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.keys.KeyResolver;
import uz.eimzo.ca.keys.KeyStorage;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ra.config.RaProperties;

import java.time.Clock;
import java.util.List;

/** Wires the CMP server: the issuing CA answers and signs responses with its own key. */
@Configuration(proxyBeanMethods = false)
class CmpConfiguration {

    @Bean
    CmpServer cmpServer(CaServices ca, Registrations registrations, EnrollmentCodes codes, List<KeyStorage> storages,
                        RaProperties ra, CmpProperties properties, Clock clock) {
        return new CmpServer(ca, registrations, codes, new KeyResolver(storages), ra.issuingCa(), properties, clock);
    }
}
