package dev.chat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Prints a TCP port on loopback that was free a moment ago, for the driver scripts. */
public final class FreePort {
    private FreePort() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
