package uz.eimzo.ca.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * All connections on one thread and one selector, so that the load costs the shared cores as little as possible (64
 * blocking threads cost about a third of what the TSA itself did per token, and held a cached OCSP answer rate at the
 * listener's own ceiling). Each connection sends its next request when the answer to the last one is complete, and
 * opens anew when the server closes it (Tomcat after 100 requests, openssl's responder after every answer).
 */
public final class NioLoad implements LoadDriver {

    /** How long a pass waits without any answer before it gives up on the requests still out. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public <R extends Workload.Request> LoadResult run(int port, Plan plan, Workload<R> workload) throws IOException {
        try (Selector selector = Selector.open()) {
            return new Pass<>(new InetSocketAddress("127.0.0.1", port), plan, workload, selector).run();
        }
    }

    private static final class Pass<R extends Workload.Request> {
        private final InetSocketAddress address;
        private final Plan plan;
        private final Workload<R> workload;
        private final Selector selector;
        private final Tally tally = new Tally();
        private final long measureFrom;
        private final long end;
        private long next;
        private int open;
        private long last;
        private long cpuFrom = -1;
        private long cpuTo = -1;

        Pass(InetSocketAddress address, Plan plan, Workload<R> workload, Selector selector) {
            this.address = address;
            this.plan = plan;
            this.workload = workload;
            this.selector = selector;
            long start = System.nanoTime();
            measureFrom = start + TimeUnit.MILLISECONDS.toNanos(plan.warmUpMillis());
            end = plan.timed() ? measureFrom + TimeUnit.MILLISECONDS.toNanos(plan.measureMillis()) : Long.MAX_VALUE;
            last = start;
        }

        LoadResult run() throws IOException {
            long now = System.nanoTime();
            mark(now);
            for (int i = 0; i < plan.connections(); i++) {
                sendNext(connect(now), now);
            }
            while (open > 0) {
                selector.select(250);
                now = System.nanoTime();
                mark(now);
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(attached(key), now);
                }
                selector.selectedKeys().clear();
                if (now - last > STALL_NANOS) {
                    for (SelectionKey key : new ArrayList<>(selector.keys())) {
                        tally.noAnswer("no answer within " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
                        close(attached(key));
                    }
                }
            }
            long cpu = ProcessCpu.ticks(ProcessHandle.current().pid());
            double seconds = ((plan.timed() ? end : last) - measureFrom) / 1e9;
            return tally.result(seconds, ((cpuTo < 0 ? cpu : cpuTo) - cpuFrom) * ProcessCpu.MILLIS_PER_TICK);
        }

        @SuppressWarnings("unchecked")
        private Connection<R> attached(SelectionKey key) {
            return (Connection<R>) key.attachment();
        }

        /** The driver's CPU as the measured window opens and closes. */
        private void mark(long now) {
            if (cpuFrom < 0 && now >= measureFrom) {
                cpuFrom = ProcessCpu.ticks(ProcessHandle.current().pid());
            }
            if (cpuTo < 0 && now >= end) {
                cpuTo = ProcessCpu.ticks(ProcessHandle.current().pid());
            }
        }

        private boolean counting(long now) {
            return now >= measureFrom && now < end;
        }

        private void handle(Connection<R> connection, long now) {
            try {
                if (connection.key.isWritable()) {
                    connection.flush();
                }
                if (!connection.key.isReadable()) {
                    return;
                }
                byte[] body = connection.read();
                if (body == null) {
                    return;
                }
                last = now;
                if (counting(now)) {
                    tally.answer(workload, connection.request, connection.head, body, now - connection.sent);
                }
                if (connection.head.keepAlive()) {
                    sendNext(connection, now);
                } else {
                    close(connection);
                    sendNext(connect(now), now);
                }
            } catch (IOException e) {
                last = now;
                if (counting(now)) {
                    tally.noAnswer(e instanceof EOFException ? e.getMessage() : "read: " + e.getMessage());
                }
                close(connection);
                sendNext(connect(now), now);
            }
        }

        /** The next request on this connection, or closes it when the plan has none left; a write error reconnects. */
        private void sendNext(Connection<R> connection, long now) {
            for (int attempt = 0; connection != null; attempt++) {
                if (plan.timed() ? now >= end : next >= plan.requests()) {
                    close(connection);
                    return;
                }
                try {
                    connection.send(workload.request(next++));
                    return;
                } catch (IOException e) {
                    if (counting(now)) {
                        tally.noAnswer("send: " + e.getMessage());
                    }
                    close(connection);
                    connection = attempt < 3 ? connect(now) : null;
                }
            }
        }

        private Connection<R> connect(long now) {
            try {
                Connection<R> connection = new Connection<>(address, selector);
                open++;
                return connection;
            } catch (IOException e) {
                if (counting(now)) {
                    tally.noAnswer("connect: " + e.getMessage());
                }
                return null;
            }
        }

        private void close(Connection<R> connection) {
            try {
                connection.channel.close();
            } catch (IOException ignored) {
                // closing a socket releases it either way
            }
            open--;
        }
    }

    /** One keep-alive connection with at most one request in flight. */
    private static final class Connection<R extends Workload.Request> {
        private final SocketChannel channel;
        private final SelectionKey key;
        private ByteBuffer out;
        private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        private R request;
        private long sent;
        private ReplyHead head;

        Connection(InetSocketAddress address, Selector selector) throws IOException {
            channel = SocketChannel.open(address);
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                key = channel.register(selector, 0, this);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }

        void send(R next) throws IOException {
            request = next;
            head = null;
            in.clear();
            out = ByteBuffer.wrap(next.http());
            sent = System.nanoTime();
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        void flush() throws IOException {
            channel.write(out);
            if (!out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        /** The body once the whole answer has arrived, else null. */
        byte[] read() throws IOException {
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            if (channel.read(in) < 0) {
                if (head != null && head.contentLength() < 0) {
                    return Arrays.copyOfRange(in.array(), head.length(), in.position());
                }
                throw new EOFException("closed before the answer");
            }
            if (head == null && (head = ReplyHead.parse(in.array(), in.position())) == null) {
                return null;
            }
            if (head.contentLength() < 0) {
                return null;
            }
            int total = Math.toIntExact(head.length() + head.contentLength());
            if (in.position() < total) {
                if (in.capacity() < total) {
                    in = ByteBuffer.allocate(total).put(in.flip());
                }
                return null;
            }
            return Arrays.copyOfRange(in.array(), head.length(), total);
        }
    }
}
