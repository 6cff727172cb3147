package uz.eimzo.fasthttp;

import java.time.Duration;

/**
 * What a {@link NettyListener} is told, as each application's {@code NettyProperties} record binds it under its own
 * prefix (the meaning of each is documented there and in docs/configuration.md). The records stay one per application,
 * flat: Spring's constructor binding cannot lift a nested record's components to the parent's prefix, so sharing a
 * record here would rename every property. What they share is this interface and the defaults below, which the
 * records name in their {@code @DefaultValue}s so the listeners cannot drift apart.
 */
public interface ListenerSettings {

    /** {@link #eventLoopThreads()} by default: one per CPU. */
    String DEFAULT_EVENT_LOOP_THREADS = "0";
    String DEFAULT_MAX_CONNECTIONS = "8192";
    String DEFAULT_READ_TIMEOUT = "PT5S";
    String DEFAULT_SHUTDOWN_TIMEOUT = "PT10S";

    /** Where it listens. */
    Integer port();

    /** The address it binds; null or blank: every interface. */
    String address();

    /** Threads doing all of its I/O; 0: one per CPU. */
    int eventLoopThreads();

    /** Connections held open at once; one more is closed as soon as it is accepted. */
    int maxConnections();

    /** A whole request must arrive within this of the connection becoming ready for it; else it is closed. */
    Duration readTimeout();

    /** On shutdown, how long replies in progress may take to be written. */
    Duration shutdownTimeout();
}
