package uz.eimzo.ocsp.fast;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uz.eimzo.fasthttp.ListenerSettings;

import java.time.Duration;

/**
 * Settings under {@code eimzo.ocsp.netty}: the optional Netty OCSP listener beside Tomcat's (docs/ocsp-crl.md,
 * "The Netty listener").
 *
 * @param port             where it listens; unset (the default): no Netty listener
 * @param address          the address it binds; unset: every interface, as Tomcat's port
 * @param eventLoopThreads threads doing all of its I/O and serving cached answers; 0: one per CPU
 * @param maxConnections   connections held open at once; one more is closed as soon as it is accepted
 * @param maxPending       requests that need the database or a signature, in progress at once; more are tryLater
 * @param readTimeout      a whole request (line, headers and body) must arrive within this of the connection
 *                         becoming ready for it (accepted, or the previous answer sent); else the connection is closed
 * @param shutdownTimeout  on shutdown, how long requests in progress may take to be answered
 */
@ConfigurationProperties("eimzo.ocsp.netty")
public record NettyProperties(
        Integer port,
        String address,
        @DefaultValue(ListenerSettings.DEFAULT_EVENT_LOOP_THREADS) int eventLoopThreads,
        @DefaultValue(ListenerSettings.DEFAULT_MAX_CONNECTIONS) int maxConnections,
        @DefaultValue("256") int maxPending,
        @DefaultValue(ListenerSettings.DEFAULT_READ_TIMEOUT) Duration readTimeout,
        @DefaultValue(ListenerSettings.DEFAULT_SHUTDOWN_TIMEOUT) Duration shutdownTimeout) implements ListenerSettings {
}
