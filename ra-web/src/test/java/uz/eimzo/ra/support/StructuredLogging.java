package uz.eimzo.ra.support;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's structured console logging, switched on for one test and back off after it. Logging belongs to the
 * JVM, and Spring Boot does not initialise it again while an earlier test context still holds it, so a test that
 * reads JSON log lines initialises it itself from the application's environment, as Boot does at startup.
 */
public final class StructuredLogging implements AutoCloseable {

    private final LoggingSystem system;
    private final LoggingInitializationContext context;

    private StructuredLogging(Environment environment) {
        this.system = LoggingSystem.get(StructuredLogging.class.getClassLoader());
        this.context = new LoggingInitializationContext((ConfigurableEnvironment) environment);
        system.cleanUp();
        system.initialize(context, "classpath:logback-structured.xml", null);
    }

    /** JSON lines in the format of the environment's {@code logging.structured.format.console}. */
    public static StructuredLogging on(Environment environment) {
        return new StructuredLogging(environment);
    }

    @Override
    public void close() {
        system.cleanUp();
        // No location: the test class path's logback-test.xml again, as for every other test.
        system.initialize(context, null, null);
    }
}
