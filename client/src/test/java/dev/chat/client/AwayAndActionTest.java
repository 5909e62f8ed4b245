package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.UserAway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** away(), sendAction() and the user_away event through the client library, against a scripted daemon. */
@Timeout(10)
class AwayAndActionTest {
    private FakeServer server;
    private final Queue<String> log = new ConcurrentLinkedQueue<>();
    private final ChatListener listener = new ChatListener() {
        @Override
        public void onUserAway(String name, String reason) {
            log.add(name + (reason == null ? " is back" : " is away: " + reason));
        }

        @Override
        public void onMessage(Message message) {
            log.add((message.isAction() ? "* " : "") + message.from() + " " + message.text());
        }
    };

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void awaySendsTheReasonAndCompletesOnOk() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice")) {
            CompletableFuture<Void> away = joined.client().away("lunch 🍕");
            Away sent = joined.peer().read(Away.class);
            assertEquals("lunch 🍕", sent.reason());
            joined.peer().send(new Ok(sent.id()));
            assertNull(away.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void awayWithNoReasonMeansBack() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice")) {
            joined.client().away(null);
            assertTrue(joined.peer().read(Away.class).isBack());
            joined.client().away("  ");
            assertTrue(joined.peer().read(Away.class).isBack());
        }
    }

    @Test
    void anOverlongReasonFailsAtOnceWithoutSending() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice")) {
            CompletableFuture<Void> away = joined.client().away("x".repeat(Limits.MAX_AWAY_BYTES + 1));
            ExecutionException e = assertThrows(ExecutionException.class, () -> away.get(5, TimeUnit.SECONDS));
            assertEquals(ErrorCode.MESSAGE_TOO_LONG, assertInstanceOf(ChatException.class, e.getCause()).code());
        }
    }

    @Test
    void sendActionMarksTheSendAsAnAction() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice")) {
            CompletableFuture<Sent> sent = joined.client().sendAction("all", "waves");
            Send send = joined.peer().read(Send.class);
            assertTrue(send.isAction());
            assertEquals("waves", send.text());
            joined.peer().send(new Sent(send.id(), "all", 1, 5L));
            assertEquals(1, sent.get(5, TimeUnit.SECONDS).recipients());
            joined.client().send("all", "plain");
            assertEquals(false, joined.peer().read(Send.class).isAction());
        }
    }

    @Test
    void userAwayEventsAndActionMessagesReachTheListener() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice", "bob")) {
            joined.peer().send(new UserAway("bob", "out"), new Message("bob", "all", "waves", 1L, 3L, null, true),
                    new UserAway("bob", null));
            await().until(() -> log.size() == 3);
            assertEquals(List.of("bob is away: out", "* bob waves", "bob is back"), List.copyOf(log));
        }
    }
}
