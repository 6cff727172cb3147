package uz.eimzo.ca.bench.load;

import java.io.IOException;

/** Sends a workload's requests to a port on loopback as a plan says, and tells what came back. */
public interface LoadDriver {

    <R extends Workload.Request> LoadResult run(int port, Plan plan, Workload<R> workload)
            throws IOException, InterruptedException;

    /** nio or threads, as {@code -Dbench.driver} names it. */
    String name();

    static LoadDriver named(String name) {
        return switch (name) {
            case "nio" -> new NioLoad();
            case "threads" -> new ThreadedLoad();
            default -> throw new IllegalArgumentException("bench.driver is nio or threads, not " + name);
        };
    }

    /** The driver {@code -Dbench.driver} chooses: {@code nio} (default) or {@code threads}. */
    static LoadDriver chosen() {
        return named(System.getProperty("bench.driver", "nio"));
    }
}
