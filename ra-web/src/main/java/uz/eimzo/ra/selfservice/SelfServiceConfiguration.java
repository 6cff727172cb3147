package uz.eimzo.ra.selfservice;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.issuance.ExternalCrls;
import uz.eimzo.ca.registration.ExternalHolderStore;
import uz.eimzo.ra.cmp.CmpProperties;
import uz.eimzo.ra.config.RaProperties;

import java.time.Clock;
import java.util.Map;

/** Wires the applicants' pages; the renewal window is CMP's, so both ways of renewing open on the same day. */
@Configuration(proxyBeanMethods = false)
class SelfServiceConfiguration {

    @Bean
    SelfService selfService(CaServices ca, RaProperties ra, CmpProperties cmp, ExternalCrlProperties crls,
                            JdbcClient jdbc, Clock clock) {
        return new SelfService(ca, ra.issuingCa(), ca.revocationCodes(), cmp.renewalWindow(), clock,
                new ExternalCrls(crls.sources() == null ? Map.of() : crls.sources(), crls.distributionPoints(),
                        crls.timeout(), clock),
                new ExternalHolderStore(jdbc, ca.audit()));
    }
}
