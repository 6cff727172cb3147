package uz.eimzo.ca.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Clients that hold a connection open without finishing their request, as the slow-client tests open by hundreds. */
public final class SlowClients {

    private SlowClients() {
    }

    /** A POST to the path on this machine's port, announcing 100 body bytes, that sends 10 and then nothing. */
    public static Socket slowBody(int port, String path, String contentType) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType + "\r\n"
                + "Content-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[10]);
        out.flush();
        return socket;
    }

    /** Closes a socket the server may already have closed. */
    public static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
