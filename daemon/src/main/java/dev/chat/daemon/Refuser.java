package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.SessionCodec;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.text.TextCodec;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Semaphore;

/**
 * Refuses connections the accept thread will not admit ({@code SERVER_FULL},
 * {@code TOO_MANY_CONNECTIONS}) at little cost: at most {@link #MAX_REFUSING} at once, each on a
 * short virtual thread that waits at most {@link #SNIFF} for the first byte (a text-mode user gets
 * one readable {@code ! CODE: message} line; JSON sessions, data connections and the silent get the
 * JSON {@code error}), writes one line (it fits any send buffer) and drains for the drain timeout.
 * Beyond {@link #MAX_REFUSING} a connection is closed without a word. {@link #refuse} never blocks
 * the calling (accept) thread.
 */
final class Refuser {
    /** Refusals in progress at once; a flood beyond this is closed at once. */
    static final int MAX_REFUSING = 64;
    /** How long a refusal waits for the first byte to learn the codec; JSON clients send it at once. */
    static final Duration SNIFF = Duration.ofMillis(300);

    private static final System.Logger LOG = System.getLogger(Refuser.class.getName());

    private final Semaphore refusing = new Semaphore(MAX_REFUSING);
    private final Duration drain;
    private final ZoneId zone;

    Refuser(Duration drain, ZoneId zone) {
        this.drain = drain;
        this.zone = zone;
    }

    void refuse(Socket socket, ErrorCode code, String message) {
        if (!refusing.tryAcquire()) {
            Sockets.closeQuietly(socket);
            return;
        }
        try {
            Thread.ofVirtual().name("chatd-refuse").start(() -> {
                try {
                    LOG.log(Level.INFO, "refused " + socket.getRemoteSocketAddress() + ": " + code + " " + message);
                    SessionCodec codec = sniff(socket);
                    socket.getOutputStream().write(codec.encode(new ErrorFrame(null, code, message)));
                    Sockets.closeGracefully(socket, drain);
                } catch (IOException e) {
                    Sockets.closeQuietly(socket);
                } finally {
                    refusing.release();
                }
            });
        } catch (RuntimeException | Error e) {
            refusing.release();
            Sockets.closeQuietly(socket);
        }
    }

    /** Text mode if the first byte arrives within {@link #SNIFF} and is not {@code '{'}; JSON otherwise. */
    private SessionCodec sniff(Socket socket) throws IOException {
        socket.setSoTimeout((int) SNIFF.toMillis());
        InputStream in = socket.getInputStream();
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            first = '{';
        }
        return first < 0 || first == '{' ? JsonCodec.instance() : new TextCodec(zone);
    }
}
