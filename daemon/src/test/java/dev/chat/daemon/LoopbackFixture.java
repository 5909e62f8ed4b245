package dev.chat.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts a daemon on a free loopback port per test and closes it and every test client afterwards. */
abstract class LoopbackFixture {
    /** Held so the setting is not garbage-collected: connect/join/leave lines would drown test output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    @TempDir
    Path files;

    ChatServer server;
    private final List<TestClient> clients = new ArrayList<>();

    /** Test defaults: loopback, port 0, short drains, documented limits otherwise. */
    DaemonConfig.Builder config() {
        return DaemonConfig.builder().bind("127.0.0.1").port(0).files(files)
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500));
    }

    /**
     * {@link #config()} for tests of other limits that open more connections from 127.0.0.1 than one
     * source may (16 at once, 32 per 10 minutes): they opt out of the per-source limits explicitly.
     */
    DaemonConfig.Builder crowdConfig() {
        return config().sources(SourceLimits.DEFAULTS.exemptAll());
    }

    ChatServer start(DaemonConfig.Builder config) throws IOException {
        server = new ChatServer(config.build()).start();
        return server;
    }

    ChatServer start() throws IOException {
        return start(config());
    }

    TestClient connect() throws IOException {
        return track(new TestClient(server.port()));
    }

    TestClient join(String name) throws IOException {
        return track(TestClient.joined(server.port(), name));
    }

    TestClient track(TestClient client) {
        synchronized (clients) {
            clients.add(client);
        }
        return client;
    }

    @AfterEach
    void stopEverything() throws IOException {
        synchronized (clients) {
            for (TestClient client : clients) {
                client.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
