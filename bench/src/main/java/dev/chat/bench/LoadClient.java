package dev.chat.bench;

import dev.chat.wire.LineFramer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One simulated user over a raw socket, speaking our protocol or IRC. {@link #join} runs the
 * handshake on the calling thread; {@link #startReader} then hands reading to one virtual thread,
 * which reports stamped messages to the sink and answers keep-alive pings. Writes from the load
 * driver and the reader's pongs go through {@link #write}, one line at a time under a lock.
 */
abstract class LoadClient implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    protected final Socket socket;
    protected final LineFramer lines;
    private final OutputStream out;
    private final Object writeLock = new Object();
    private volatile boolean closing;

    /** @param tls null for plaintext; else the TLS handshake runs here, on the joining thread */
    LoadClient(InetSocketAddress server, SSLSocketFactory tls) throws IOException {
        Socket raw = new Socket();
        raw.setTcpNoDelay(true);
        raw.connect(server, CONNECT_TIMEOUT_MS);
        if (tls != null) {
            raw.setSoTimeout(CONNECT_TIMEOUT_MS);
            SSLSocket secure = (SSLSocket) tls.createSocket(raw, server.getHostString(), server.getPort(), true);
            secure.startHandshake();
            socket = secure;
        } else {
            socket = raw;
        }
        InputStream in = socket.getInputStream();
        lines = new LineFramer(in);
        out = socket.getOutputStream();
    }

    /** Joins under {@code name} (and the shared channel for IRC); blocks until the server confirms. */
    abstract void join(String name, long timeoutMillis) throws IOException;

    abstract void sendBroadcast(String text) throws IOException;

    abstract void sendPrivate(String to, String text) throws IOException;

    /** The protocol's polite goodbye, so the server frees the name at once (chatd holds a vanished one). */
    abstract void sayGoodbye() throws IOException;

    /** Handles one line after joining: a stamped message, a ping to answer, an error, or noise. */
    abstract void onLine(ByteBuffer line, long receivedNanos, DeliverySink sink) throws IOException;

    void startReader(DeliverySink sink) {
        Thread.ofVirtual().name("bench-reader").start(() -> readLoop(sink));
    }

    private void readLoop(DeliverySink sink) {
        try {
            socket.setSoTimeout(0);
            for (ByteBuffer line = lines.nextLine(); line != null; line = lines.nextLine()) {
                onLine(line, System.nanoTime(), sink);
            }
            if (!closing) {
                sink.error("connection closed by server");
            }
        } catch (EOFException e) {
            if (!closing) {
                sink.error("connection closed by server mid-line");
            }
        } catch (IOException e) {
            if (!closing) {
                sink.error("connection lost: " + e.getMessage());
            }
        }
    }

    final void write(byte[] line) throws IOException {
        synchronized (writeLock) {
            out.write(line);
        }
    }

    final void write(String line) throws IOException {
        write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The next line during the handshake, or an exception at end of stream. */
    protected final String handshakeLine() throws IOException {
        ByteBuffer line = lines.nextLine();
        if (line == null) {
            throw new EOFException("server closed the connection during the handshake");
        }
        return StandardCharsets.UTF_8.decode(line).toString();
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                sayGoodbye();
            }
        } catch (IOException ignored) {
            // the connection is gone already
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
