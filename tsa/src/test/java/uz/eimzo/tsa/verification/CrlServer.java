package uz.eimzo.tsa.verification;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A local HTTP server publishing CRLs by path (404 for any other path), as an external CA's distribution point does. */
final class CrlServer implements AutoCloseable {

    private final Map<String, byte[]> crls = new ConcurrentHashMap<>();
    private final HttpServer server;

    private CrlServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = crls.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    static CrlServer start() throws IOException {
        return new CrlServer();
    }

    /** Serves {@code crl} at {@code path} from now on. */
    void publish(String path, byte[] crl) {
        crls.put(path, crl);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
