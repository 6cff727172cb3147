package uz.eimzo.ca.bench.ocsp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal HTTP/1.1 load driver: each of N threads keeps one connection (reopened when the server closes it,
 * as openssl's responder does after every answer) and sends pre-encoded OCSP requests back to back. It does as
 * little work per request as possible so that, on the same two cores, it takes little from the server.
 */
public final class OcspLoad {

    /** Requests per second and failures over the measured window. */
    public record Result(double perSecond, long ok, long failed) {
    }

    private OcspLoad() {
    }

    public static byte[] post(String host, int port, String path, byte[] body) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/ocsp-request\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /**
     * Runs the load.
     *
     * @param requests   full HTTP requests; thread i sends requests[(i + n) % size]
     * @param expectOcsp true to count only successful OCSP responses (status 0) as ok
     */
    public static Result run(String host, int port, List<byte[]> requests, int concurrency, long warmupMillis,
                             long measureMillis, boolean expectOcsp) throws InterruptedException {
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                Connection connection = null;
                for (int n = offset; running.get(); n++) {
                    try {
                        if (connection == null) {
                            connection = new Connection(host, port);
                        }
                        boolean success = connection.exchange(requests.get(n % requests.size()), expectOcsp);
                        if (connection.closed) {
                            connection.close();
                            connection = null;
                        }
                        if (counting.get()) {
                            (success ? ok : failed).increment();
                        }
                    } catch (IOException e) {
                        if (counting.get()) {
                            failed.increment();
                        }
                        if (connection != null) {
                            connection.close();
                        }
                        connection = null;
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            }));
        }
        Thread.sleep(warmupMillis);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(measureMillis);
        counting.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join(5000);
        }
        return new Result(ok.sum() / seconds, ok.sum(), failed.sum());
    }

    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] body = new byte[64 * 1024];
        boolean closed;

        Connection(String host, int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        boolean exchange(byte[] request, boolean expectOcsp) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean keepAlive = !http10;
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Integer.parseInt(value);
                } else if (name.equalsIgnoreCase("Connection")) {
                    keepAlive = value.equalsIgnoreCase("keep-alive") || (!http10 && !value.equalsIgnoreCase("close"));
                }
            }
            int read = 0;
            if (length >= 0) {
                while (read < length) {
                    int n = in.read(body, read, length - read);
                    if (n < 0) {
                        throw new IOException("connection closed mid-body");
                    }
                    read += n;
                }
            } else {
                // No length: the body runs to the end of the connection.
                for (int n; (n = in.read(body, read, body.length - read)) > 0; ) {
                    read += n;
                }
                keepAlive = false;
            }
            closed = !keepAlive;
            return status == 200 && (!expectOcsp || successfulOcsp(body, read));
        }

        private static boolean successfulOcsp(byte[] der, int length) {
            // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED (0 = successful), ... }
            for (int i = 1; i + 2 < Math.min(length, 8); i++) {
                if (der[i] == 0x0A && der[i + 1] == 0x01) {
                    return der[i + 2] == 0;
                }
            }
            return false;
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

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to release beyond the socket
            }
        }
    }
}
