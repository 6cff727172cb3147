package uz.eimzo.ocsp;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import uz.eimzo.monitoring.crl.CrlFreshness;
import uz.eimzo.ca.keys.DelegatedKeyStorage;
import uz.eimzo.monitoring.crl.CrlHealthIndicator;
import uz.eimzo.monitoring.health.HealthSurface;
import uz.eimzo.monitoring.tracing.RequestIdFilter;
import uz.eimzo.ocsp.metrics.ResponderMetrics;
import uz.eimzo.ocsp.replica.ReadRouting;
import uz.eimzo.ocsp.responding.OcspResponder;
import uz.eimzo.ocsp.signing.DelegatedSigners;
import uz.eimzo.ocsp.authorities.CaIndex;
import uz.eimzo.ocsp.status.PresignedAnswers;
import uz.eimzo.ocsp.status.ResponseCache;
import uz.eimzo.ocsp.status.StatusFeed;
import uz.eimzo.ocsp.status.StatusIndex;
import uz.eimzo.ocsp.status.StatusRepository;

import javax.sql.DataSource;
import java.math.BigInteger;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Wires the responder: status feed, cache, delegated signers and the scheduler that keeps the signers fresh. */
@Configuration(proxyBeanMethods = false)
@Import(HealthSurface.class)
public class ResponderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResponderConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    /** Where bulk reads go: the replica ({@code eimzo.ocsp.replica.url}) while it is current and reachable, else the primary. */
    @Bean(destroyMethod = "close")
    ReadRouting readRouting(JdbcClient jdbc, ResponderProperties properties, Clock clock,
                            @Value("${spring.datasource.username:}") String primaryUser,
                            @Value("${spring.datasource.password:}") String primaryPassword) {
        ResponderProperties.Replica replica = properties.replica();
        if (!replica.configured()) {
            return ReadRouting.primaryOnly(jdbc);
        }
        // Lag is seen up to one check late; a notified change must stay on the primary until any usable replica has it.
        if (replica.freshWindow().compareTo(replica.maxLag().plus(replica.checkInterval())) <= 0) {
            throw new IllegalArgumentException("eimzo.ocsp.replica.fresh-window must be longer than max-lag + check-interval");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("ocsp-replica");
        config.setJdbcUrl(replica.url());
        // A physical replica has the primary's roles: by default the same role signs in to both.
        config.setUsername(replica.username() == null ? primaryUser : replica.username());
        config.setPassword(replica.password() == null ? primaryPassword : replica.password());
        config.setMaximumPoolSize(replica.poolSize());
        config.setReadOnly(true);
        // A lost replica costs one request at most this long before reads move to the primary.
        config.setConnectionTimeout(1000);
        config.setValidationTimeout(500);
        // The responder must start, on the primary, even while the replica is down.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("socketTimeout", "10");
        config.addDataSourceProperty("ApplicationName", "eimzo-ocsp-replica");
        HikariDataSource pool = new HikariDataSource(config);
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("ocsp-replica-lag").factory());
        ReadRouting routing = ReadRouting.withReplica(jdbc, JdbcClient.create(pool), () -> {
                    checks.shutdownNow();
                    pool.close();
                }, replica.freshWindow(), replica.maxFresh(), replica.maxLag(), clock);
        checks.scheduleWithFixedDelay(() -> check(routing), 0, replica.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return routing;
    }

    @Bean
    ResponseCache responseCache(ResponderProperties properties, Clock clock) {
        return new ResponseCache(properties.cacheMaxEntries(), clock);
    }

    @Bean
    CaIndex caIndex(ReadRouting reads, Clock clock) {
        return new CaIndex(reads, clock);
    }

    @Bean
    ScheduledExecutorService responderScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ocsp-signers").factory());
    }

    @Bean
    DelegatedSigners delegatedSigners(JdbcClient jdbc, ResponderProperties properties, CaIndex cas,
                                      Clock clock, ResponseCache cache) {
        ResponderProperties.Keys keys = properties.keys();
        DelegatedKeyStorage storage = new DelegatedKeyStorage("eimzo.ocsp.keys", keys.type(), keys.pkcs12File(),
                keys.password(), keys.pkcs11Config(), keys.pin());
        return new DelegatedSigners(jdbc, storage, properties.responderName(), properties.keys().renewWhenRemaining(),
                cas, clock, cache::clear);
    }

    /** Loaded and kept current by catch-up rounds on a thread of its own; empty (never consulted) when disabled. */
    @Bean(destroyMethod = "close")
    StatusIndex statusIndex(JdbcClient jdbc, CaIndex cas, ResponseCache cache, ResponderProperties properties, Clock clock) {
        // The CA list is loaded lazily by requests; the index must not wait for one to know what to load.
        StatusIndex index = new StatusIndex(jdbc, () -> cas.all().isEmpty() ? cas.reload() : cas.all(), cache,
                properties.index().overlap(), clock);
        if (properties.index().enabled()) {
            index.start(properties.index().catchUpInterval());
        }
        return index;
    }

    @Bean(destroyMethod = "close")
    StatusFeed statusFeed(@Value("${spring.datasource.url}") String url,
                          @Value("${spring.datasource.username:}") String user,
                          @Value("${spring.datasource.password:}") String password,
                          ResponseCache cache, DelegatedSigners signers, ScheduledExecutorService scheduler,
                          ResponderProperties properties, ReadRouting reads, StatusIndex index) {
        // LISTEN needs the primary: a hot standby refuses it. Changes it names are then read from the primary too.
        StatusFeed feed = new StatusFeed(url, user, password, cache, responder -> {
            if (responder.equals(signers.responder())) {
                scheduler.execute(() -> refresh(signers));
            }
        }, new StatusFeed.Changes() {
            @Override
            public void changed(int caId, BigInteger serial) {
                index.changed(caId, serial);
                reads.changed(caId, serial);
            }

            @Override
            public void unknown() {
                index.unknown();
                reads.everythingChanged();
            }
        });
        feed.start();
        scheduler.scheduleWithFixedDelay(() -> refresh(signers), 0,
                properties.keys().checkInterval().toMillis(), TimeUnit.MILLISECONDS);
        return feed;
    }

    /** Signs ahead on a thread of its own; never started (and never consulted) without the index. */
    @Bean(destroyMethod = "close")
    PresignedAnswers presignedAnswers(StatusIndex index, DelegatedSigners signers, CaIndex cas, ResponderProperties properties,
                                      Clock clock) {
        PresignedAnswers presigned = new PresignedAnswers(index, signers, cas::all, properties.presign().validity(),
                properties.presign().threads(), properties.presign().maxRate(), clock);
        if (properties.index().enabled() && properties.presign().enabled()) {
            presigned.start();
        }
        return presigned;
    }

    @Bean
    OcspResponder ocspResponder(CaIndex cas, ReadRouting reads, DelegatedSigners signers, ResponseCache cache,
                                StatusFeed feed, ResponderProperties properties, Clock clock, ResponderMetrics metrics,
                                StatusIndex index, PresignedAnswers presigned) {
        boolean indexed = properties.index().enabled();
        return new OcspResponder(cas, new StatusRepository(reads), signers, cache, feed, properties.responseValidity(), clock,
                metrics, indexed ? index : null, indexed && properties.presign().enabled() ? presigned : null);
    }

    @Bean
    CrlFreshness crlFreshness(JdbcClient jdbc, MonitoringProperties monitoring) {
        return new CrlFreshness(jdbc, monitoring.refresh());
    }

    /** Gives every request an id in logs, audit rows and the response; runs before every other filter. */
    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    /** Health indicator {@code crl}, in the publication group (application.properties). */
    @Bean
    CrlHealthIndicator crlHealthIndicator(CrlFreshness crls, Clock clock, MonitoringProperties monitoring) {
        return new CrlHealthIndicator(crls, clock, monitoring.crlMargin(), monitoring.healthTimeout());
    }

    @Bean
    ResponderMetrics responderMetrics(CrlFreshness crls, ResponseCache cache, Clock clock) {
        return new ResponderMetrics(crls, cache, clock);
    }

    /** GET requests carry base64 in the path, where '/' arrives as %2F: let Tomcat pass it through to us. */
    @Bean
    TomcatConnectorCustomizer encodedSlashInOcspGet() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    private static void check(ReadRouting routing) {
        try {
            routing.check();
        } catch (RuntimeException e) {
            // A failed check must not cancel the schedule; the routing already moved reads to the primary if it could.
            log.warn("Could not measure the read replica's lag: {}", e.getMessage());
        }
    }

    private static void refresh(DelegatedSigners signers) {
        try {
            signers.refresh();
        } catch (RuntimeException e) {
            log.warn("Could not refresh responder certificates: {}", e.getMessage());
        }
    }
}
