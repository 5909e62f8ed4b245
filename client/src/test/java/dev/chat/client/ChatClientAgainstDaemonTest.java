package dev.chat.client;

import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client library against the real daemon on loopback: what a user of either end relies on. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChatClientAgainstDaemonTest {
    /** Held so the setting survives garbage collection: per-connection log lines would drown the output. */
    private static final Logger QUIET = Logger.getLogger("dev.chat");

    static {
        QUIET.setLevel(Level.WARNING);
    }

    @TempDir
    Path files;

    private ChatServer server;

    @BeforeEach
    void startDaemon() throws Exception {
        Files.writeString(files.resolve("notes.txt"), "שלום, world\n", StandardCharsets.UTF_8);
        server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(files)
                .idleTimeout(Duration.ofSeconds(2)).drainTimeout(Duration.ofMillis(300))
                .shutdownGrace(Duration.ofMillis(500)).build()).start();
    }

    @AfterEach
    void stopDaemon() {
        server.close();
    }

    private ChatClient join(String name, ChatListener listener) throws JoinException {
        return ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), name), listener);
    }

    @Test
    void twoUsersExchangePrivateMessagesAndBroadcastsAndSeeEachOtherComeAndGo() throws Exception {
        EventLog aliceSaw = new EventLog();
        EventLog bobSaw = new EventLog();
        try (ChatClient alice = join("alice", aliceSaw)) {
            ChatClient bob = join("bob", bobSaw);
            assertEquals(List.of("alice", "bob"), bob.welcome().users());
            await().until(() -> aliceSaw.lines.contains("joined bob"));

            Sent privately = alice.send("BOB", "hi bob!").get(5, TimeUnit.SECONDS);
            assertEquals("bob", privately.to());
            assertEquals(1, privately.recipients());
            Sent broadcast = bob.send("all", "שלום לכולם").get(5, TimeUnit.SECONDS);
            assertEquals(1, broadcast.recipients());

            await().until(() -> bobSaw.lines.contains("alice -> bob: hi bob!"));
            await().until(() -> aliceSaw.lines.contains("bob -> all: שלום לכולם"));
            assertEquals(List.of("alice", "bob"), alice.listUsers().get(5, TimeUnit.SECONDS));

            bob.close();
            await().until(() -> aliceSaw.lines.contains("left bob (quit)"));
            assertTrue(bobSaw.disconnected);
        }
    }

    @Test
    void aTakenNameCanBeRetriedOnTheSameConnection() throws Exception {
        try (ChatClient alice = join("alice", ChatListener.NONE);
             Handshake handshake = Handshake.open(ClientOptions.of("127.0.0.1", server.port(), "ALICE"))) {
            JoinException taken = assertThrows(JoinException.class, () -> handshake.join("Ａｌｉｃｅ", ChatListener.NONE));
            assertEquals(ErrorCode.NAME_TAKEN, taken.code().orElseThrow());
            try (ChatClient second = handshake.join("alice2", ChatListener.NONE)) {
                assertEquals("alice2", second.name());
                assertEquals(List.of("alice", "alice2"), alice.listUsers().get(5, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void daemonErrorsFailOnlyTheRequestTheyAnswer() throws Exception {
        try (ChatClient alice = join("alice", ChatListener.NONE)) {
            ExecutionException unknown = assertThrows(ExecutionException.class,
                    () -> alice.send("dave", "hello?").get(5, TimeUnit.SECONDS));
            ChatException error = assertInstanceOf(ChatException.class, unknown.getCause());
            assertEquals(ErrorCode.UNKNOWN_TARGET, error.code());
            assertEquals(0, alice.send("all", "still here").get(5, TimeUnit.SECONDS).recipients());
        }
    }

    @Test
    void theFileListCarriesSizesAndHashesOfTheSharedFolder() throws Exception {
        byte[] content = Files.readAllBytes(files.resolve("notes.txt"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (ChatClient alice = join("alice", ChatListener.NONE)) {
            await().untilAsserted(() -> assertEquals(
                    List.of(new FileEntry("notes.txt", content.length, sha256)),
                    alice.listFiles().get(5, TimeUnit.SECONDS)));
        }
    }

    @Test
    void theHeartbeatKeepsAQuietClientOnlinePastTheIdleTimeout() throws Exception {
        EventLog bobSaw = new EventLog();
        try (ChatClient alice = join("alice", ChatListener.NONE); ChatClient bob = join("bob", bobSaw)) {
            // Idle timeout is 2 s: the daemon pings at 1 s; the library answers, so nobody is dropped.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(alice::isOpen);
            assertEquals(List.of("alice", "bob"), bob.listUsers().get(5, TimeUnit.SECONDS));
            assertTrue(bobSaw.lines.stream().noneMatch(line -> line.startsWith("left")), bobSaw.lines::toString);
        }
    }

    @Test
    void aDaemonShutdownReachesTheClientAsAnEventAndThenADisconnect() throws Exception {
        EventLog aliceSaw = new EventLog();
        try (ChatClient alice = join("alice", aliceSaw)) {
            server.close();
            await().until(() -> aliceSaw.disconnected);
            assertTrue(aliceSaw.lines.contains("shutdown"), aliceSaw.lines::toString);
            assertTrue(!alice.isOpen());
        }
    }
}
