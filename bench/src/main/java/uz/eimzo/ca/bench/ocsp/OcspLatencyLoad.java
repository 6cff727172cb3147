package uz.eimzo.ca.bench.ocsp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load with latencies: {@value #CONCURRENCY} keep-alive HTTP/1.1 connections on loopback sending pre-encoded requests,
 * each request's time from send to the end of its answer recorded, for the rate and the 99th percentile.
 */
public final class OcspLatencyLoad {

    static final int CONCURRENCY = 64;

    private OcspLatencyLoad() {
    }

    /** Successful answers per second and the 99th percentile latency. */
    public record Pass(double rate, double p99Millis) {
    }

    /**
     * Sends the requests once each over {@value #CONCURRENCY} keep-alive connections (or, with a duration, over and
     * over for that long); rate of successful answers and the 99th percentile latency.
     */
    static Pass pass(int port, List<byte[]> requests, long millis, boolean expectOcsp) throws InterruptedException {
        return pass(port, requests, millis, body -> !expectOcsp || successful(body));
    }

    /** The same for any protocol: {@code ok} says which 200 answers count as successful. */
    public static Pass pass(int port, List<byte[]> requests, long millis, Predicate<byte[]> ok)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong succeeded = new AtomicLong();
        long[][] latencies = new long[CONCURRENCY][];
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CONCURRENCY; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                long[] mine = new long[1024];
                int count = 0;
                Client client = null;
                while (true) {
                    int n = next.getAndIncrement();
                    if (millis == 0 ? n >= requests.size() : System.nanoTime() > end) {
                        break;
                    }
                    long sent = System.nanoTime();
                    try {
                        if (client == null) {
                            client = new Client(port);
                        }
                        byte[] body = client.exchange(requests.get(n % requests.size()));
                        if (body != null && ok.test(body)) {
                            succeeded.incrementAndGet();
                        }
                    } catch (IOException e) {
                        client = null;
                    }
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, count * 2);
                    }
                    mine[count++] = System.nanoTime() - sent;
                }
                latencies[thread] = Arrays.copyOf(mine, count);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double p99 = all.length == 0 ? Double.NaN : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6;
        return new Pass(succeeded.get() / seconds, p99);
    }

    private static boolean successful(byte[] der) {
        // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED (0 = successful), ... }
        for (int i = 1; i + 2 < Math.min(der.length, 8); i++) {
            if (der[i] == 0x0A && der[i + 1] == 0x01) {
                return der[i + 2] == 0;
            }
        }
        return false;
    }

    /** One request on a connection of its own; the body of a 200 answer, null otherwise. */
    static byte[] exchangeOnce(int port, byte[] request) throws IOException {
        Client client = new Client(port);
        try {
            return client.exchange(request);
        } finally {
            client.socket.close();
        }
    }

    /** One keep-alive HTTP/1.1 connection; returns the body of a 200 answer, null otherwise. */
    private static final class Client {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        Client(int port) throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        byte[] exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String status = line();
            int length = 0;
            for (String header; !(header = line()).isEmpty(); ) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new IOException("closed mid-body");
            }
            // openssl ocsp answers HTTP/1.0.
            return status.startsWith("HTTP/1.1 200") || status.startsWith("HTTP/1.0 200") ? body : null;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c; (c = in.read()) != -1; ) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            throw new IOException("connection closed");
        }
    }
}
