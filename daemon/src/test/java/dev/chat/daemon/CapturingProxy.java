package dev.chat.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy on loopback for one connection that records every byte the daemon sends: what an
 * observer on the path would see. Test only.
 */
final class CapturingProxy implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    private final ByteArrayOutputStream fromDaemon = new ByteArrayOutputStream();
    private final Thread relay;

    CapturingProxy(int daemonPort) throws IOException {
        relay = Thread.ofVirtual().name("capturing-proxy").start(() -> relayOne(daemonPort));
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Everything the daemon sent, once both directions ended. */
    byte[] captured() throws InterruptedException {
        relay.join(10_000);
        synchronized (fromDaemon) {
            return fromDaemon.toByteArray();
        }
    }

    private void relayOne(int daemonPort) {
        try (Socket client = listener.accept(); Socket daemon = new Socket()) {
            daemon.connect(new InetSocketAddress("127.0.0.1", daemonPort), 5000);
            Thread up = Thread.ofVirtual().start(() -> copy(client, daemon, null));
            copy(daemon, client, fromDaemon);
            up.join(5000);
        } catch (IOException | InterruptedException e) {
            // the test sees the truncated capture or the failed download
        }
    }

    private static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other copy ends too
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
