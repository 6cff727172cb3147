package uz.eimzo.fasthttp;

import java.time.Duration;

/**
 * What a {@link NettyListener} is told, as each application's {@code NettyProperties} record binds it under its own
 * prefix (the meaning of each is documented there and in docs/configuration.md).
 */
public interface ListenerSettings {

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
