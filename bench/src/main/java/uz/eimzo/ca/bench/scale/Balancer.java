package uz.eimzo.ca.bench.scale;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

/**
 * What a load balancer in front of several nodes does, on the client side: round-robin, and when a node does not
 * answer (refused, reset, timed out) the same request goes to the next node and the dead one is skipped for a while.
 * Every such connection failure is kept with its time, so the report can show they happened only at the kill.
 */
final class Balancer {

    /** One node behind the balancer. */
    record Target(String name, URI base) {
    }

    /** A connection-level failure the balancer absorbed by retrying elsewhere. */
    record Failure(long atNanos, String target, String operation, String error) {
    }

    /** The answer of the node that answered. */
    record Reply(Target target, int status, byte[] body, boolean retried) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final long SKIP_DEAD_NANOS = Duration.ofSeconds(3).toNanos();

    private final List<Target> targets;
    private final HttpClient http;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray downUntil;
    final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

    Balancer(List<Target> targets) {
        this.targets = List.copyOf(targets);
        this.downUntil = new AtomicLongArray(targets.size());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    List<Target> targets() {
        return targets;
    }

    /** Sends to the next live node; on a connection failure, to the others in turn. */
    Reply send(String operation, Function<URI, HttpRequest> request) throws InterruptedException {
        int n = targets.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        IOException last = null;
        // First pass skips nodes recently found dead; the second tries everyone (a node may be back).
        for (int attempt = 0; attempt < 2 * n; attempt++) {
            int index = (start + attempt) % n;
            if (attempt < n && System.nanoTime() < downUntil.get(index)) {
                continue;
            }
            Target target = targets.get(index);
            try {
                HttpResponse<byte[]> response = http.send(request.apply(target.base()), HttpResponse.BodyHandlers.ofByteArray());
                return new Reply(target, response.statusCode(), response.body(), last != null);
            } catch (IOException e) {
                last = e;
                failures.add(new Failure(System.nanoTime(), target.name(), operation,
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
                // Refused: the process is gone, and stays out (a real balancer's health check would bring it back;
                // nothing is restarted in this run). Reset or timed out: out for a moment, then tried again.
                downUntil.set(index, e instanceof ConnectException ? Long.MAX_VALUE : System.nanoTime() + SKIP_DEAD_NANOS);
            }
        }
        throw new IllegalStateException("No node answered " + operation, last);
    }

    /** Sends to one named node only, without failover (for checks that must ask a particular node). */
    Reply sendTo(Target target, Function<URI, HttpRequest> request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.apply(target.base()), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(target, response.statusCode(), response.body(), false);
    }
}
