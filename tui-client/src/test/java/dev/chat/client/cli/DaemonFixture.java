package dev.chat.client.cli;

import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.SourceLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A real daemon on a free loopback port per test, sharing a temporary folder; closed afterwards. */
abstract class DaemonFixture {
    /** Held so the setting is not garbage-collected: connect/join/leave lines would drown test output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    @TempDir
    Path files;
    @TempDir
    Path work;
    ChatServer server;

    DaemonConfig.Builder config() {
        // Every client here comes from 127.0.0.1; the per-source limits have their own daemon tests.
        return DaemonConfig.builder().bind("127.0.0.1").port(0).files(files)
                .sources(SourceLimits.DEFAULTS.exemptAll())
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500));
    }

    void start(DaemonConfig.Builder config) throws IOException {
        server = new ChatServer(config.build()).start();
    }

    void start() throws IOException {
        start(config());
    }

    String address() {
        return "127.0.0.1:" + server.port();
    }

    @AfterEach
    void stopDaemon() {
        if (server != null) {
            server.close();
        }
    }
}
