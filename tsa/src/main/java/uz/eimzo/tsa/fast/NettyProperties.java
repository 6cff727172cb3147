package uz.eimzo.tsa.fast;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uz.eimzo.fasthttp.ListenerSettings;

import java.time.Duration;

/**
 * Settings under {@code eimzo.tsa.netty}: the optional Netty listener for {@code POST /tsa} beside Tomcat's port
 * (docs/tsa.md, "Throughput").
 *
 * @param port             where it listens; unset (the default): no Netty listener
 * @param address          the address it binds; unset: every interface, as Tomcat's port
 * @param eventLoopThreads threads doing all of its I/O and signing its tokens; 0: one per CPU
 * @param maxConnections   connections held open at once; one more is closed as soon as it is accepted
 * @param readTimeout      a whole request (line, headers and body) must arrive within this of the connection
 *                         becoming ready for it (accepted, or the previous answer sent); else the connection is closed
 * @param shutdownTimeout  on shutdown, how long requests waiting for their ledger commit may take to be answered
 */
@ConfigurationProperties("eimzo.tsa.netty")
public record NettyProperties(
        Integer port,
        String address,
        @DefaultValue(ListenerSettings.DEFAULT_EVENT_LOOP_THREADS) int eventLoopThreads,
        @DefaultValue(ListenerSettings.DEFAULT_MAX_CONNECTIONS) int maxConnections,
        @DefaultValue(ListenerSettings.DEFAULT_READ_TIMEOUT) Duration readTimeout,
        @DefaultValue(ListenerSettings.DEFAULT_SHUTDOWN_TIMEOUT) Duration shutdownTimeout) implements ListenerSettings {
}
