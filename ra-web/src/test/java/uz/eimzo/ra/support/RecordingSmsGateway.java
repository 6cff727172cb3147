package uz.eimzo.ra.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local HTTP server standing in for an SMS gateway: it records every request it receives (authorization header and
 * body) and answers with the status it is told to, after the delay it is told to.
 */
public final class RecordingSmsGateway implements AutoCloseable {

    /** One request the gateway received. */
    public record Received(String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;
    private final Queue<Integer> inTurn = new ConcurrentLinkedQueue<>();

    public RecordingSmsGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/send", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), body));
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Integer next = inTurn.poll();
            exchange.sendResponseHeaders(next == null ? status : next, -1);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/send";
    }

    public void answer(int status, Duration delay) {
        this.status = status;
        this.delay = delay;
    }

    /** Answers the next requests with these statuses, one each, then as {@link #answer} says. */
    public void answerInTurn(int... statuses) {
        for (int s : statuses) {
            inTurn.add(s);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (up to 20 s) for a text whose body contains every part. */
    public Received await(String... parts) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(until)) {
            Optional<Received> found = received.stream().filter(r -> List.of(parts).stream().allMatch(r.body()::contains))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No SMS with " + List.of(parts) + "; received " + received.size());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
