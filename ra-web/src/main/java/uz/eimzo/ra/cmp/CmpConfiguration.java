package uz.eimzo.ra.cmp;

import org.quartz.Scheduler;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.registration.EnrollmentCodes;
import uz.eimzo.ca.registration.Registrations;
import uz.eimzo.ca.signing.CmpProtection;
import uz.eimzo.ra.config.RaProperties;

import java.time.Clock;

/**
 * Wires the CMP server (the issuing CA answers; the signing module protects the answers with its key) and the
 * clustered job that revokes certificates whose certConf never came.
 */
@Configuration(proxyBeanMethods = false)
class CmpConfiguration {

    @Bean
    CmpServer cmpServer(CaServices ca, Registrations registrations, EnrollmentCodes codes, CmpProtection protection,
                        RaProperties ra, CmpProperties properties, Clock clock) {
        return new CmpServer(ca, registrations, codes, protection, ra.issuingCa(), properties, clock);
    }

    @Bean
    OverdueConfirmations overdueConfirmations(CaServices ca, CmpProperties properties, Clock clock) {
        return new OverdueConfirmations(ca, properties.confirmWindow(), clock);
    }

    @Bean
    @Order(21)
    ApplicationRunner registerOverdueConfirmationJob(Scheduler scheduler, OverdueConfirmations overdue,
                                                     CmpProperties properties) {
        return args -> OverdueConfirmationJob.register(scheduler, overdue, properties.confirmationRound());
    }
}
