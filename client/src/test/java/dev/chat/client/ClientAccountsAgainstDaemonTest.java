package dev.chat.client;

import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.daemon.store.Argon2id;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registering, logging in, history and the resume point through the client library, against the daemon. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ClientAccountsAgainstDaemonTest {
    @TempDir
    Path files;

    private ChatServer server;

    @BeforeEach
    void startDaemon() throws Exception {
        server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(files)
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500))
                .accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true).withArgon2(new Argon2id.Params(64, 1, 1)))
                .build()).start();
    }

    @AfterEach
    void stopDaemon() {
        server.close();
    }

    private ClientOptions options(String name, String password) {
        return ClientOptions.builder().host("127.0.0.1").port(server.port()).name(name).password(password).build();
    }

    @Test
    void aRegisteredNameJoinsWithItsPasswordOnlyAndTheWelcomeSaysSo() throws Exception {
        try (ChatClient alice = ChatClient.connect(options("alice", null), new EventLog())) {
            assertFalse(alice.welcome().registered());
            alice.register("correct horse").get(5, TimeUnit.SECONDS);
        }
        JoinException missing = assertThrows(JoinException.class,
                () -> ChatClient.connect(options("alice", null), new EventLog()));
        assertEquals(ErrorCode.PASSWORD_REQUIRED, missing.code().orElseThrow());
        JoinException wrong = assertThrows(JoinException.class,
                () -> ChatClient.connect(options("alice", "wrong guess"), new EventLog()));
        assertEquals(ErrorCode.WRONG_PASSWORD, wrong.code().orElseThrow());
        try (ChatClient alice = ChatClient.connect(options("alice", "correct horse"), new EventLog())) {
            assertTrue(alice.welcome().registered());
        }
    }

    @Test
    void aJoinerGetsTheHistoryInItsWelcomeAndTracksTheLastIdForItsResumePoint() throws Exception {
        EventLog carolSaw = new EventLog();
        try (ChatClient bob = ChatClient.connect(options("bob", null), new EventLog())) {
            bob.send("all", "one").get(5, TimeUnit.SECONDS);
            bob.send("all", "two").get(5, TimeUnit.SECONDS);
            try (ChatClient carol = ChatClient.connect(options("carol", null), carolSaw)) {
                List<Message> history = carol.welcome().history();
                assertEquals(List.of("one", "two"), history.stream().map(Message::text).toList());
                assertTrue(history.stream().allMatch(Message::isHistory));
                long three = bob.send("all", "three").get(5, TimeUnit.SECONDS).id();
                await().until(() -> carolSaw.lines.contains("bob -> all: three"));
                ResumePoint resume = carol.resumePoint().orElseThrow();
                assertEquals(three, resume.lastSeen());
                assertEquals(List.of("two", "three"), carol.history(null, null, 2).get(5, TimeUnit.SECONDS)
                        .stream().map(Message::text).toList());
                ExecutionException tooMany = assertThrows(ExecutionException.class,
                        () -> carol.history(null, null, 1001).get(5, TimeUnit.SECONDS));
                assertInstanceOf(ChatException.class, tooMany.getCause());
            }
        }
    }
}
