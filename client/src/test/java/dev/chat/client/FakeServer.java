package dev.chat.client;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.LineFramer;
import dev.chat.wire.frame.ClientFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.ServerLimits;
import dev.chat.wire.frame.Welcome;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A daemon stand-in on 127.0.0.1, port 0, scripted by each test: the test thread accepts, reads
 * the client's frames and writes whatever replies and events the test needs, in its chosen order.
 */
public final class FakeServer implements AutoCloseable {
    // Public (test code only) so that the CLI tests in dev.chat.client.cli can script it too.
    public static final ServerLimits LIMITS = new ServerLimits(65_536, 4096, 32, 20, 50, 60);
    private static final int READ_TIMEOUT_MS = 5_000;

    private final ServerSocket server;

    public FakeServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(READ_TIMEOUT_MS);
    }

    public ClientOptions options(String name) {
        return ClientOptions.builder().host("127.0.0.1").port(server.getLocalPort()).name(name)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(5)).build();
    }

    public Peer accept() throws IOException {
        return new Peer(server.accept());
    }

    /** Connects a client as {@code name} and answers its hello with a one-page welcome listing {@code users}. */
    Joined join(String name, ChatListener listener, String... users) throws Exception {
        return join(options(name), listener, users);
    }

    Joined join(ClientOptions options, ChatListener listener, String... users) throws Exception {
        CompletableFuture<ChatClient> connecting = connectAsync(options, listener);
        Peer peer = accept();
        Hello hello = peer.read(Hello.class);
        peer.send(welcome(hello.id(), hello.name(), List.of(users), false));
        return new Joined(connecting.get(5, TimeUnit.SECONDS), peer);
    }

    /** Runs {@link ChatClient#connect} on a virtual thread, as it blocks until the welcome. */
    static CompletableFuture<ChatClient> connectAsync(ClientOptions options, ChatListener listener) {
        CompletableFuture<ChatClient> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.complete(ChatClient.connect(options, listener));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public static Welcome welcome(long re, String name, List<String> users, boolean more) {
        return new Welcome(re, name, users, more, "fake-chatd 0", 1, LIMITS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    record Joined(ChatClient client, Peer peer) implements AutoCloseable {
        @Override
        public void close() {
            peer.close();
            client.close();
        }
    }

    /** The daemon's end of one connection. */
    public static final class Peer implements AutoCloseable {
        private final Socket socket;
        private final LineFramer framer;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(READ_TIMEOUT_MS);
            this.framer = new LineFramer(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The next frame from the client; null when it closed the connection. */
        public ClientFrame read() throws IOException {
            ByteBuffer line = framer.nextLine();
            return line == null ? null : JsonCodec.instance().decodeClient(line);
        }

        public <F extends ClientFrame> F read(Class<F> type) throws IOException {
            ClientFrame frame = read();
            if (!type.isInstance(frame)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + frame);
            }
            return type.cast(frame);
        }

        public void send(ServerFrame... frames) throws IOException {
            for (ServerFrame frame : frames) {
                out.write(JsonCodec.instance().encodeFrame(frame));
            }
            out.flush();
        }

        public void sendRaw(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Half-closes so that the client reads EOF. */
        public void shutdownOutput() throws IOException {
            socket.shutdownOutput();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // test cleanup
            }
        }
    }
}
