package uz.eimzo.ca.bench.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A platform thread per connection, each writing a request and blocking until its answer: what the benches used before
 * {@link NioLoad}, kept so that a run can show what the driver itself takes from the shared cores. It checks the answers
 * exactly as {@link NioLoad} does.
 */
public final class ThreadedLoad implements LoadDriver {

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public <R extends Workload.Request> LoadResult run(int port, Plan plan, Workload<R> workload) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.MILLISECONDS.toNanos(plan.warmUpMillis());
        long end = plan.timed() ? measureFrom + TimeUnit.MILLISECONDS.toNanos(plan.measureMillis()) : Long.MAX_VALUE;
        AtomicLong last = new AtomicLong(start);
        List<Tally> tallies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < plan.connections(); t++) {
            Tally tally = new Tally();
            tallies.add(tally);
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                Blocking connection = null;
                while (true) {
                    long n = next.getAndIncrement();
                    if (plan.timed() ? System.nanoTime() >= end : n >= plan.requests()) {
                        break;
                    }
                    R request = workload.request(n);
                    long sent = System.nanoTime();
                    try {
                        if (connection == null) {
                            connection = new Blocking(port);
                            sent = System.nanoTime();
                        }
                        Answer answer = connection.exchange(request.http());
                        long now = System.nanoTime();
                        last.accumulateAndGet(now, Math::max);
                        if (now >= measureFrom && now < end) {
                            tally.answer(workload, request, answer.head(), answer.body(), now - sent);
                        }
                        if (!answer.head().keepAlive()) {
                            connection.close();
                            connection = null;
                        }
                    } catch (IOException e) {
                        long now = System.nanoTime();
                        if (now >= measureFrom && now < end) {
                            tally.noAnswer(e instanceof EOFException ? e.getMessage()
                                    : (connection == null ? "connect: " : "read: ") + e.getMessage());
                        }
                        if (connection != null) {
                            connection.close();
                            connection = null;
                        } else {
                            pause();
                        }
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            }));
        }
        long self = ProcessHandle.current().pid();
        long cpuFrom = ProcessCpu.ticks(self);
        if (plan.timed()) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, measureFrom - System.nanoTime()));
            cpuFrom = ProcessCpu.ticks(self);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
        }
        long cpuTo = plan.timed() ? ProcessCpu.ticks(self) : -1;
        for (Thread thread : threads) {
            thread.join();
        }
        cpuTo = cpuTo < 0 ? ProcessCpu.ticks(self) : cpuTo;
        Tally all = new Tally();
        tallies.forEach(all::merge);
        return all.result(((plan.timed() ? end : last.get()) - measureFrom) / 1e9, (cpuTo - cpuFrom) * ProcessCpu.MILLIS_PER_TICK);
    }

    /** A refused connection is not retried at once: nothing would listen a microsecond later either. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request on a connection of its own: the body of an answer with HTTP 200, else null. */
    public static byte[] exchangeOnce(int port, byte[] http) throws IOException {
        try (Blocking connection = new Blocking(port)) {
            Answer answer = connection.exchange(http);
            return answer.head().status() == 200 ? answer.body() : null;
        }
    }

    private record Answer(ReplyHead head, byte[] body) {
    }

    /** One blocking HTTP/1.1 connection. */
    private static final class Blocking implements AutoCloseable {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;
        private byte[] head = new byte[1024];

        Blocking(int port) throws IOException {
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            int filled = 0;
            ReplyHead reply = null;
            while (reply == null) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("closed before the answer");
                }
                if (filled == head.length) {
                    head = Arrays.copyOf(head, filled * 2);
                }
                head[filled++] = (byte) c;
                if (c == '\n') {
                    reply = ReplyHead.parse(head, filled);
                }
            }
            if (reply.contentLength() < 0) {
                return new Answer(reply, in.readAllBytes());
            }
            byte[] body = in.readNBytes(Math.toIntExact(reply.contentLength()));
            if (body.length < reply.contentLength()) {
                throw new EOFException("closed before the answer");
            }
            return new Answer(reply, body);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket releases it either way
            }
        }
    }
}
