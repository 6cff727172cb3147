package uz.eimzo.ca.bench.tsa;

import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Time-stamp requests on {@value #CONCURRENCY} keep-alive HTTP/1.1 connections from one thread and one selector, so
 * the load costs the 2-core machine as little as possible (64 blocking client threads cost about a third of what the
 * TSA itself did per token). Each connection sends its next pre-encoded request when the answer to the last one is
 * complete. Every answer is checked: HTTP 200, status granted and the request's nonce in the token; one in
 * {@value #FULL_CHECK_EVERY} is also parsed by Bouncy Castle and validated against its request (nonce, imprint,
 * signer certificate present).
 */
final class TokenLoad {

    static final int CONCURRENCY = 64;
    private static final int FULL_CHECK_EVERY = 64;

    /** A request as sent: the whole HTTP message, its nonce's DER encoding, and the DER of the query alone. */
    record Request(byte[] http, byte[] nonce, byte[] query) {
    }

    /** Granted, checked answers per second, the median and 99th percentile latency, and the answers that failed a check. */
    record Pass(double rate, double p50Millis, double p99Millis, long failed) {
    }

    private TokenLoad() {
    }

    static Pass pass(int port, List<Request> requests, long millis) throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long[] latencies = new long[1 << 16];
        int count = 0;
        long succeeded = 0;
        long failed = 0;
        int next = 0;
        long start = System.nanoTime();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < CONCURRENCY; i++) {
                Connection connection = new Connection(port, selector);
                connection.send(requests.get(next++ % requests.size()));
            }
            int open = CONCURRENCY;
            while (open > 0) {
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isWritable()) {
                        connection.flush(key);
                    }
                    if (key.isReadable()) {
                        byte[] body = connection.read(key);
                        if (body == null) {
                            continue;
                        }
                        long now = System.nanoTime();
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = now - connection.sent;
                        if (connection.status == 200 && check(body, connection.request, count % FULL_CHECK_EVERY == 0)) {
                            succeeded++;
                        } else {
                            failed++;
                        }
                        if (connection.closing) {
                            // Tomcat closes a keep-alive connection after 100 requests (maxKeepAliveRequests).
                            key.channel().close();
                            connection = new Connection(port, selector);
                        }
                        if (now < end) {
                            connection.send(requests.get(next++ % requests.size()));
                        } else {
                            key.channel().close();
                            open--;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.copyOf(latencies, count);
        Arrays.sort(all);
        double p99 = all.length == 0 ? Double.NaN : all[(int) Math.min(all.length - 1, Math.ceil(all.length * 0.99) - 1)] / 1e6;
        double p50 = all.length == 0 ? Double.NaN : all[all.length / 2] / 1e6;
        return new Pass(succeeded / seconds, p50, p99, failed);
    }

    /** Status granted and the nonce echoed; with {@code full}, the token validated against its request too. */
    static boolean check(byte[] reply, Request request, boolean full) {
        // TimeStampResp ::= SEQUENCE { status PKIStatusInfo ::= SEQUENCE { status INTEGER (0 = granted) ... } ... }
        int status = skipHeader(reply, skipHeader(reply, 0));
        if (status + 2 >= reply.length || reply[status] != 0x02 || reply[status + 1] != 0x01 || reply[status + 2] != 0) {
            return false;
        }
        if (indexOf(reply, request.nonce()) < 0) {
            return false;
        }
        if (!full) {
            return true;
        }
        try {
            TimeStampResponse response = new TimeStampResponse(reply);
            response.validate(new TimeStampRequest(request.query()));
            return response.getTimeStampToken().getCertificates().getMatches(null).size() == 1;
        } catch (Exception e) {
            return false;
        }
    }

    /** The offset of the content of the DER element at {@code offset}. */
    private static int skipHeader(byte[] der, int offset) {
        if (offset + 1 >= der.length) {
            return der.length;
        }
        int length = der[offset + 1] & 0xFF;
        return offset + 2 + (length > 0x80 ? length - 0x80 : 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection {
        private final SocketChannel channel;
        private final Selector selector;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private Request request;
        private long sent;
        private int status;
        private boolean closing;

        Connection(int port, Selector selector) throws IOException {
            this.selector = selector;
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, 0, this);
        }

        void send(Request next) throws IOException {
            request = next;
            out = ByteBuffer.wrap(next.http());
            in.clear();
            sent = System.nanoTime();
            channel.write(out);
            channel.keyFor(selector).interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void flush(SelectionKey key) throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** The body once the whole answer has arrived, else null. */
        byte[] read(SelectionKey key) throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                throw new IOException("the TSA closed a connection");
            }
            byte[] data = in.array();
            int filled = in.position();
            int headEnd = headEnd(data, filled);
            if (headEnd < 0) {
                return null;
            }
            String head = new String(data, 0, headEnd, StandardCharsets.US_ASCII);
            int length = contentLength(head);
            if (filled < headEnd + 4 + length) {
                return null;
            }
            status = Integer.parseInt(head.substring(9, 12));
            closing = head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
            return Arrays.copyOfRange(data, headEnd + 4, headEnd + 4 + length);
        }

        private static int headEnd(byte[] data, int filled) {
            for (int i = 0; i + 3 < filled; i++) {
                if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }
    }
}
