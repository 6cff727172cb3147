package uz.eimzo.ra.myid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uz.eimzo.ca.CaServices;
import uz.eimzo.ca.registration.IdentityVerification;
import uz.eimzo.ca.registration.OnlineApplications;
import uz.eimzo.ca.registration.OrganisationRegistry;
import uz.eimzo.ca.registration.RemoteIdentity;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * With {@code eimzo.myid.enabled=true}: the MyID client and the remote identity check; with
 * {@code eimzo.myid.simulator=true} (the demo) also the local simulator, which the client then talks to unless a base
 * URL is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "eimzo.myid.enabled", havingValue = "true")
class MyIdConfiguration {

    /** The simulator's credentials when none are configured: it is local, so they guard nothing. */
    static final String SIMULATOR_CLIENT = "eimzo-simulator";

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "eimzo.myid.simulator", havingValue = "true")
    MyIdSimulator myIdSimulator(MyIdProperties properties, Clock clock) throws IOException {
        return new MyIdSimulator(properties.simulatorPort(), clientId(properties), clientSecret(properties), clock);
    }

    @Bean
    IdentityVerification identityVerification(MyIdProperties properties, ObjectProvider<MyIdSimulator> simulator, Clock clock) {
        URI base = base(properties, simulator);
        return new MyIdClient(base, clientId(properties), clientSecret(properties), properties.timeout(), clock);
    }

    @Bean
    RemoteIdentity remoteIdentity(CaServices ca, JdbcClient jdbc, OnlineApplications applications,
                                  IdentityVerification verification, MyIdProperties properties,
                                  @Value("${eimzo.sms.enabled:false}") boolean smsEnabled,
                                  ObjectProvider<OrganisationRegistry> registry) {
        if (properties.threshold() < 0.5 || properties.threshold() > 0.99) {
            throw new IllegalStateException("eimzo.myid.threshold must be between 0.5 and 0.99");
        }
        // With an SMS provider the phone is confirmed by a texted code, and the remote check waits for it too.
        return new RemoteIdentity(jdbc, ca.audit(), applications, verification, properties.threshold(), smsEnabled,
                registry.getIfAvailable());
    }

    @Bean
    CapturePage capturePage(MyIdProperties properties, ObjectProvider<MyIdSimulator> simulator) {
        String template = !properties.captureUrl().isBlank() ? properties.captureUrl()
                : base(properties, simulator) + "simulator/sessions/{session}?return={return}";
        return (session, back) -> template.replace("{session}", URLEncoder.encode(session, StandardCharsets.UTF_8))
                .replace("{return}", URLEncoder.encode(back, StandardCharsets.UTF_8));
    }

    private static URI base(MyIdProperties properties, ObjectProvider<MyIdSimulator> simulator) {
        if (!properties.baseUrl().isBlank()) {
            String url = properties.baseUrl();
            return URI.create(url.endsWith("/") ? url : url + "/");
        }
        MyIdSimulator local = simulator.getIfAvailable();
        if (local == null) {
            throw new IllegalStateException("Set eimzo.myid.base-url (MyID's API) or eimzo.myid.simulator=true (demo)");
        }
        return local.base();
    }

    private static String clientId(MyIdProperties p) {
        return p.clientId().isBlank() && p.simulator() ? SIMULATOR_CLIENT : p.clientId();
    }

    private static String clientSecret(MyIdProperties p) {
        return p.clientSecret().isBlank() && p.simulator() ? SIMULATOR_CLIENT : p.clientSecret();
    }
}
