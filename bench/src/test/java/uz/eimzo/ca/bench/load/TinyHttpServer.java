package uz.eimzo.ca.bench.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** A loopback HTTP/1.1 server for the drivers' tests: a virtual thread per connection, each request answered as told. */
final class TinyHttpServer implements AutoCloseable {

    /** The reply to the n-th request (n from 0, over all connections); null closes the connection unanswered. */
    @FunctionalInterface
    interface Answer {
        byte[] reply(long n);
    }

    private final ServerSocket server;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    TinyHttpServer(Answer answer) throws IOException {
        server = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(socket, answer));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    long connections() {
        return connections.get();
    }

    static byte[] reply(String statusLine, String contentType, String body, String... headers) {
        StringBuilder reply = new StringBuilder(statusLine).append("\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(body.length());
        for (String header : headers) {
            reply.append("\r\n").append(header);
        }
        return reply.append("\r\n\r\n").append(body).toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void serve(Socket socket, Answer answer) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String head; (head = head(in)) != null; ) {
                in.readNBytes(contentLength(head));
                byte[] reply = answer.reply(requests.getAndIncrement());
                if (reply == null) {
                    return;
                }
                out.write(reply);
                out.flush();
                String text = new String(reply, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                if (text.startsWith("http/1.0") || text.contains("\r\nconnection: close")) {
                    return;
                }
            }
        } catch (IOException gone) {
            // the driver closed the connection
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int c; (c = in.read()) >= 0; ) {
            head.write(c);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
