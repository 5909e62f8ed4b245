package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.LineFramer;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Welcome;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A raw protocol client for tests: JSON frames (or raw lines) over a loopback socket, reads with a timeout. */
final class TestClient implements AutoCloseable {
    static final int READ_TIMEOUT_MILLIS = 5000;
    /** Frames skipped while looking for one of a type; keeps every wait bounded. */
    private static final int MAX_SKIPPED = 10_000;

    private final Socket socket;
    private final OutputStream out;
    private final LineFramer framer;
    private long nextId = 1;
    private volatile boolean autoPong;

    TestClient(int port) throws IOException {
        this(connected(port));
    }

    /** Wraps an already connected socket (for tests that tune it before connecting). */
    TestClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        out = socket.getOutputStream();
        framer = new LineFramer(socket.getInputStream(), 1 << 20);
    }

    private static Socket connected(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Connects and joins as {@code name}; returns the welcome. */
    static TestClient joined(int port, String name) throws IOException {
        TestClient client = new TestClient(port);
        client.send(new Hello(client.nextId(), name, 1, "test"));
        client.expect(Welcome.class);
        return client;
    }

    long nextId() {
        return nextId++;
    }

    Socket socket() {
        return socket;
    }

    void send(ClientFrame frame) throws IOException {
        out.write(JsonCodec.instance().encodeFrame(frame));
        out.flush();
    }

    void sendRaw(String text) throws IOException {
        sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Answer the daemon's pings while reading, as the client library does. */
    TestClient answeringPings() {
        autoPong = true;
        return this;
    }

    /** The next frame (pings answered and skipped if asked to); fails on timeout or end of stream. */
    ServerFrame next() throws IOException {
        for (int i = 0; i < MAX_SKIPPED; i++) {
            ByteBuffer line = framer.nextLine();
            if (line == null) {
                throw new IOException("the daemon closed the connection");
            }
            ServerFrame frame = JsonCodec.instance().decodeServer(line);
            if (autoPong && frame instanceof Ping ping) {
                send(new Pong(ping.id()));
                continue;
            }
            return frame;
        }
        throw new AssertionError("only pings");
    }

    /** The next raw line as text (text mode); fails on timeout or end of stream. */
    String nextLine() throws IOException {
        ByteBuffer line = framer.nextLine();
        if (line == null) {
            throw new IOException("the daemon closed the connection");
        }
        return StandardCharsets.UTF_8.decode(line).toString();
    }

    /** Skips frames until one of {@code type} arrives. */
    <T extends ServerFrame> T expect(Class<T> type) throws IOException {
        for (int i = 0; i < MAX_SKIPPED; i++) {
            ServerFrame frame = next();
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + MAX_SKIPPED + " frames");
    }

    /** True when the daemon closes the connection (EOF or reset) before a read times out. */
    boolean closedByDaemon() throws IOException {
        try {
            for (int i = 0; i < MAX_SKIPPED; i++) {
                if (framer.nextLine() == null) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset, or the stream ended mid-line
        }
    }

    /** Kills the connection with a RST instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
