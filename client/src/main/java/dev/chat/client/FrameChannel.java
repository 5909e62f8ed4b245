package dev.chat.client;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.LineFramer;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.ServerFrame;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection speaking JSON frames.
 *
 * <p>Threads: reading belongs to one thread at a time (the joining thread during the handshake,
 * then the client's reader thread). Writing belongs to this channel's writer virtual thread alone,
 * started on connect: {@link #send} from any thread encodes the frame and queues it in the bounded
 * {@link SendQueue} without blocking. {@link #close()} from any thread unblocks both sides.
 */
final class FrameChannel implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FrameChannel.class.getName());
    private static final JsonCodec CODEC = JsonCodec.instance();

    private final Socket socket;
    /** The session's TLS, for its data connections; null in plaintext. */
    private final ClientTls tls;
    private final LineFramer framer;
    private final SendQueue outbound;
    /** Told when a write fails; until the client takes over, only logged (the reader may still read an error). */
    private volatile Runnable onWriteFailure = () -> { };
    private final Thread writer;
    /** Set on the writer thread before it returns, read by the same thread. */
    private boolean writeFailed;

    private FrameChannel(Socket socket, ClientTls tls, int maxFrames, long maxBytes) throws IOException {
        this.socket = socket;
        this.tls = tls;
        this.framer = new LineFramer(socket.getInputStream());
        this.outbound = new SendQueue(socket.getOutputStream(), maxFrames, maxBytes, this::writeFailed);
        this.writer = Thread.ofVirtual().name("chat-client-writer").unstarted(this::runWriter);
    }

    /**
     * Connects to {@code host:port}, and runs a TLS handshake within {@code timeout} when {@code tls}
     * is not null; throws what {@link Socket#connect} and the handshake throw.
     */
    static FrameChannel connect(String host, int port, Duration timeout, ClientTls tls) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
            socket.connect(new InetSocketAddress(host, port), millis);
            Socket io = socket;
            if (tls != null) {
                socket.setSoTimeout(millis);
                io = tls.handshake(socket);
                socket.setSoTimeout(0);
            }
            FrameChannel channel = new FrameChannel(io, tls, SendQueue.MAX_FRAMES, SendQueue.MAX_BYTES);
            channel.writer.start();
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Queues {@code frame} for the writer; never blocks. */
    SendQueue.Offer send(ClientFrame frame) {
        return outbound.offer(CODEC.encodeFrame(frame));
    }

    /** Paces every later frame to the daemon's flood limit (see {@link SendQueue#pace}). */
    void pace(double ratePerSecond, int burst) {
        outbound.pace(ratePerSecond, burst, System::nanoTime);
    }

    /** Runs {@code action} on the writer thread if a write fails; the queue takes nothing after that. */
    void onWriteFailure(Runnable action) {
        onWriteFailure = action;
    }

    /** Sends what is queued, then closes the socket; gives up and closes it anyway after {@code limit}. */
    void closeAfterFlush(Duration limit) {
        outbound.finish();
        CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS).execute(this::close);
    }

    /** Waits up to {@code timeout} for the writer thread to end; true if it did. */
    boolean awaitWriter(Duration timeout) throws InterruptedException {
        return writer.join(timeout);
    }

    /** For tests: the writer thread. */
    Thread writerThread() {
        return writer;
    }

    private void runWriter() {
        outbound.runWriter();
        if (writeFailed) {
            // Reading goes on: a daemon that refused the hello (SERVER_FULL) has written why.
            shutdownOutputQuietly();
        } else {
            close(); // finished after closeAfterFlush, or closed already
        }
    }

    private void writeFailed(IOException e) {
        writeFailed = true;
        LOG.log(System.Logger.Level.DEBUG, "write to {0} failed: {1}", peer(), e);
        onWriteFailure.run();
    }

    private void shutdownOutputQuietly() {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // The socket is broken or closed already; the reader finds out.
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

    /** The session's TLS for its data connections; null in plaintext. */
    ClientTls tls() {
        return tls;
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
        outbound.close();
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
