package dev.chat.client;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.LineFramer;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ServerFrame;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TCP connection speaking JSON frames. Reading belongs to one thread at a time (the joining
 * thread during the handshake, then the client's reader thread); writes may come from any thread
 * and are serialized by one lock, so frames never interleave. A write blocks while the socket's
 * send buffer is full; {@link #close()} from any thread unblocks both sides.
 */
final class FrameChannel implements AutoCloseable {
    private static final JsonCodec CODEC = JsonCodec.instance();

    private final Socket socket;
    private final OutputStream out;
    private final LineFramer framer;
    private final ReentrantLock writeLock = new ReentrantLock();

    private FrameChannel(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.framer = new LineFramer(socket.getInputStream());
    }

    /** Connects to {@code host:port}; throws what {@link Socket#connect} throws. */
    static FrameChannel connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            return new FrameChannel(socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    void write(ClientFrame frame) throws IOException {
        byte[] line = CODEC.encodeFrame(frame);
        writeLock.lock();
        try {
            out.write(line);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * The next frame, or null at a clean end of stream. A line that does not decode throws
     * {@link dev.chat.wire.ProtocolException}; the channel stays usable unless the code is
     * {@code LINE_TOO_LONG}.
     */
    ServerFrame read() throws IOException {
        ByteBuffer line = framer.nextLine();
        return line == null ? null : CODEC.decodeServer(line);
    }

    /** Limits each blocking read; zero waits forever. */
    void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout(Math.clamp(timeout.toMillis(), 0, Integer.MAX_VALUE));
    }

    /** The daemon's address, for data connections to the same host. */
    java.net.InetAddress remoteAddress() {
        return socket.getInetAddress();
    }

    String peer() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the socket is unusable either way.
        }
    }
}
