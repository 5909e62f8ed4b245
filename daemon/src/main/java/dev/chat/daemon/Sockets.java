package dev.chat.daemon;

import jdk.net.ExtendedSocketOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Closing sockets so that the last frame sent is not lost. */
final class Sockets {
    /** Most input read while draining a closing socket; a peer that sends more is cut off. */
    private static final int MAX_DRAIN_BYTES = 1 << 20;
    /** Unanswered keepalive probes after which the kernel resets a connection. */
    static final int KEEPALIVE_PROBES = 6;

    private Sockets() {
    }

    /**
     * Sends FIN, then reads and discards input for at most {@code drain} so that unread input does
     * not make the kernel answer with a RST that destroys what was just sent, then closes.
     */
    static void closeGracefully(Socket socket, Duration drain) {
        try {
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            long deadline = System.nanoTime() + drain.toNanos();
            int total = 0;
            while (total < MAX_DRAIN_BYTES) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (IOException e) {
            // Timed out or reset: either way it is time to close.
        } finally {
            closeQuietly(socket);
        }
    }

    /**
     * TCP keepalive tuned so that a peer that vanished (no FIN, no RST) is detected within
     * {@code bound} of the last traffic: first probe at half of it, then six probes over the other
     * half. Where the platform cannot tune keepalive it is still enabled with the kernel's timing.
     */
    static void keepAlive(Socket socket, Duration bound) throws IOException {
        socket.setKeepAlive(true);
        int seconds = (int) Math.max(2, Math.min(Integer.MAX_VALUE, bound.toSeconds()));
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, Math.max(1, seconds / 2));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, Math.max(1, seconds / 2 / KEEPALIVE_PROBES));
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, KEEPALIVE_PROBES);
        } catch (UnsupportedOperationException e) {
            // not Linux/macOS: the kernel's keepalive timing (often 2 h) is all there is
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do for this socket.
        }
    }
}
