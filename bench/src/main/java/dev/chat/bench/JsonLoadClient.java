package dev.chat.bench;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our JSON-lines protocol: hello, send to a name or {@code all}, pong to pings. Frames are encoded
 * with the wire module's {@link JsonCodec}; received lines are only scanned by prefix, and fully
 * decoded only when rare (ping, error), so the generator stays cheap next to the daemon.
 */
final class JsonLoadClient extends LoadClient {
    private static final JsonCodec CODEC = JsonCodec.instance();
    private static final byte[] MESSAGE = bytes("{\"type\":\"message\"");
    private static final byte[] PING = bytes("{\"type\":\"ping\"");
    private static final byte[] ERROR = bytes("{\"type\":\"error\"");

    private final AtomicLong ids = new AtomicLong();

    JsonLoadClient(InetSocketAddress server, javax.net.ssl.SSLSocketFactory tls) throws IOException {
        super(server, tls);
    }

    @Override
    void join(String name, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) timeoutMillis);
        write(CODEC.encodeFrame(new Hello(ids.incrementAndGet(), name, 1, "bench load generator")));
        try {
            while (true) {
                String line = handshakeLine();
                if (line.startsWith("{\"type\":\"welcome\"")) {
                    return;
                }
                if (line.startsWith("{\"type\":\"error\"")) {
                    throw new IOException("join refused: " + line);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no welcome within " + timeoutMillis + " ms", e);
        }
    }

    @Override
    void sendBroadcast(String text) throws IOException {
        write(CODEC.encodeFrame(new Send(ids.incrementAndGet(), "all", text)));
    }

    @Override
    void sendPrivate(String to, String text) throws IOException {
        write(CODEC.encodeFrame(new Send(ids.incrementAndGet(), to, text)));
    }

    @Override
    void sayGoodbye() throws IOException {
        write(CODEC.encodeFrame(new Quit(ids.incrementAndGet())));
    }

    @Override
    void onLine(ByteBuffer line, long receivedNanos, DeliverySink sink) throws IOException {
        if (Stamp.startsWith(line, MESSAGE)) {
            long stamp = Stamp.find(line);
            if (stamp != Long.MIN_VALUE) {
                sink.delivered(stamp, receivedNanos);
            }
        } else if (Stamp.startsWith(line, PING)) {
            ServerFrame frame = CODEC.decodeServer(line);
            if (frame instanceof Ping ping) {
                write(CODEC.encodeFrame(new Pong(ping.id())));
            }
        } else if (Stamp.startsWith(line, ERROR)) {
            sink.error(StandardCharsets.UTF_8.decode(line).toString());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
