package uz.eimzo.ra.selfservice;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ra.cmp.CmpProperties;
import uz.eimzo.ra.config.RaProperties;

import java.time.Clock;

/** Wires the applicants' pages; the renewal window is CMP's, so both ways of renewing open on the same day. */
@Configuration(proxyBeanMethods = false)
class SelfServiceConfiguration {

    @Bean
    SelfService selfService(CaServices ca, RaProperties ra, CmpProperties cmp, Clock clock) {
        return new SelfService(ca, ra.issuingCa(), ca.revocationCodes(),
                cmp.renewalWindow(), clock);
    }
}
