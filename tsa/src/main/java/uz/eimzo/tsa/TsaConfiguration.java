package uz.eimzo.tsa;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.ca.keys.DelegatedKeyStorage;
import uz.eimzo.ca.keys.KeyAlgorithm;
import uz.eimzo.ca.gost.UzDst;
import uz.eimzo.monitoring.health.HealthSurface;
import uz.eimzo.tsa.encoding.TimeStampRequests;
import uz.eimzo.tsa.ledger.TokenLedger;
import uz.eimzo.tsa.signing.TsaSigners;
import uz.eimzo.tsa.stamping.StampTimers;
import uz.eimzo.tsa.stamping.TimeStamper;
import uz.eimzo.tsa.timing.ClockCheck;
import uz.eimzo.tsa.timing.ReferenceClockStore;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;


/** Wires the TSA: key storage and signer, the clock check, the ledger, and the schedule that keeps them current. */
@Configuration(proxyBeanMethods = false)
@Import(HealthSurface.class)
public class TsaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TsaConfiguration.class);

    static {
        UzDst.install();
    }

    /** The system clock; tests put a drifting one in its place. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    @Bean
    TsaSigners tsaSigners(JdbcClient jdbc, TsaProperties properties, Clock clock) {
        TsaProperties.Keys keys = properties.keys();
        DelegatedKeyStorage storage = new DelegatedKeyStorage("eimzo.tsa.keys", keys.type(), keys.pkcs12File(),
                keys.password(), keys.pkcs11Config(), keys.pin());
        return new TsaSigners(jdbc, storage, KeyAlgorithm.valueOf(properties.keys().algorithm()), properties.name(),
                properties.ca(), properties.keys().renewWhenRemaining(), clock);
    }

    @Bean
    ClockCheck clockCheck(JdbcClient jdbc, Clock clock, TsaProperties properties) {
        return new ClockCheck(new ReferenceClockStore(jdbc), clock, properties.accuracy(), properties.clock().maxAge());
    }

    @Bean(destroyMethod = "close")
    TokenLedger tokenLedger(DataSource dataSource, TsaProperties properties) {
        return new TokenLedger(dataSource, properties.ledger().maxBatch(), properties.ledger().commitTimeout(),
                properties.ledger().writers(), properties.ledger().gather());
    }

    @Bean
    TimeStampRequests timeStampRequests(TsaProperties properties) {
        return TimeStampRequests.of(properties.maxRequestBytes(), properties.policy(), properties.otherPolicies());
    }

    @Bean
    TimeStamper timeStamper(TimeStampRequests requests, ClockCheck clockCheck, TsaSigners signers, TokenLedger ledger,
                            TsaProperties properties, Clock clock) {
        return new TimeStamper(requests, clockCheck, signers, ledger, properties.name(), properties.accuracy(), clock);
    }

    @Bean
    StampTimers stampTimers(ObjectProvider<MeterRegistry> registry) {
        return new StampTimers(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService tsaScheduler(TsaSigners signers, ClockCheck clockCheck, TsaProperties properties) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tsa-schedule").factory());
        scheduler.scheduleWithFixedDelay(() -> quietly("refresh the TSA certificate", signers::refresh), 0,
                properties.keys().checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> quietly("compare clocks with the database", () -> { clockCheck.check(); }), 0,
                properties.clock().checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return scheduler;
    }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failed run must not cancel the schedule; the clock check ages out on its own.
            log.warn("Could not {}: {}", what, e.getMessage());
        }
    }
}
