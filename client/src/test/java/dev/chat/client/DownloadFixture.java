package dev.chat.client;

import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.transfer.TransferSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A real daemon on a loopback port per test, a shared folder, a download folder, and joined clients. */
abstract class DownloadFixture {
    /** Held so the setting is not garbage-collected: per-transfer log lines would drown test output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    @TempDir
    Path shared;
    @TempDir
    Path downloads;

    ChatServer server;
    private final List<ChatClient> clients = new ArrayList<>();

    void start(TransferSettings transfers) throws IOException {
        server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(shared)
                .rateLimit(0, 1).drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500))
                .transfers(transfers).build()).start();
    }

    void start() throws IOException {
        start(TransferSettings.DEFAULTS);
    }

    ChatClient join(String name) throws JoinException {
        return join(name, new RecordingListener());
    }

    ChatClient join(String name, ChatListener listener) throws JoinException {
        ChatClient client = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), name), listener);
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    /** A shared file of {@code size} seeded random bytes. */
    byte[] share(String name, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path file = shared.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return data;
    }

    /** Downloads {@code name} and checks the saved file is byte-identical to {@code data}. */
    DownloadResult fetchAndCheck(ChatClient client, String name, TransferProtocol protocol, byte[] data)
            throws Exception {
        DownloadResult result = client.download(name, protocol, downloads, null).result().get(60, TimeUnit.SECONDS);
        assertEquals(data.length, result.bytes());
        assertArrayEquals(data, Files.readAllBytes(result.file()), name + " differs");
        return result;
    }

    @AfterEach
    void stopEverything() {
        synchronized (clients) {
            clients.forEach(ChatClient::close);
        }
        if (server != null) {
            server.close();
        }
    }
}
