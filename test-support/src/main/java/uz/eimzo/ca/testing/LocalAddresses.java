package uz.eimzo.ca.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;

/** Whether a port on this machine answers on an address other machines could use, not only on loopback. */
public final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * Tries to connect to the port through this machine's first non-loopback IPv4 address; the test is skipped when the
     * machine has none (then the question cannot be asked).
     */
    public static boolean reachableFromOutsideLoopback(int port) {
        InetAddress address = nonLoopback();
        Assumptions.assumeTrue(address != null, "this machine has no non-loopback IPv4 address");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static InetAddress nonLoopback() {
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!network.isUp() || network.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
            return null;
        } catch (SocketException e) {
            return null;
        }
    }
}
