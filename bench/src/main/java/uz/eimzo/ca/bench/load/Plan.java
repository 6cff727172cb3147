package uz.eimzo.ca.bench.load;

/**
 * How wide and how long one pass is: a number of keep-alive connections, each with one request in flight; then either a
 * warm-up and a measured window (answers count only while it lasts), or a fixed number of requests, each sent once and
 * all counted.
 */
public record Plan(int connections, long warmUpMillis, long measureMillis, long requests) {

    /** The concurrency the targets are stated at. */
    public static final int CONNECTIONS = 64;

    public Plan {
        if (connections < 1 || warmUpMillis < 0 || measureMillis < 0 || requests < 0 || (measureMillis == 0) == (requests == 0)) {
            throw new IllegalArgumentException("a plan is timed or counted: " + measureMillis + " ms, " + requests + " requests");
        }
    }

    /** Requests over and over: the first {@code warmUpMillis} not counted, then {@code measureMillis} counted. */
    public static Plan timed(int connections, long warmUpMillis, long measureMillis) {
        return new Plan(connections, warmUpMillis, measureMillis, 0);
    }

    /** Requests 0 to {@code requests - 1}, each once, all counted (e.g. each serial's first answer). */
    public static Plan once(int connections, long requests) {
        return new Plan(connections, 0, 0, requests);
    }

    public boolean timed() {
        return measureMillis > 0;
    }
}
