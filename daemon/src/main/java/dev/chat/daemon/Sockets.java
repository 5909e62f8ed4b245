package dev.chat.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Closing sockets so that the last frame sent is not lost. */
final class Sockets {
    /** Most input read while draining a closing socket; a peer that sends more is cut off. */
    private static final int MAX_DRAIN_BYTES = 1 << 20;

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

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to do for this socket.
        }
    }
}
