package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.FileEntry;
import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class ChatClientTest {
    private FakeServer server;
    private final Queue<String> log = new ConcurrentLinkedQueue<>();
    private final RecordingListener listener = new RecordingListener(log);

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void transferStatsForATransferNobodyWatchesAreIgnoredQuietly() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice")) {
            joined.peer().send(new TransferStats(77, 850, 122_880, 61_440, 3, 4), new UserJoined("carol"));
            await().until(() -> !log.isEmpty());
            assertEquals(List.of("joined carol"), List.copyOf(log), "no error for the statistics, the next event arrives");
            assertTrue(joined.client().isOpen());
        }
    }

    @Test
    void sendIsAnsweredBySentMatchedByIdWithEventsArrivingBeforeTheReplies() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener, "alice", "bob")) {
            CompletableFuture<Sent> toBob = joined.client().send("bob", "hi bob");
            CompletableFuture<Sent> toAll = joined.client().send("all", "hi all");
            toBob.thenRun(() -> log.add("sent bob"));
            toAll.thenRun(() -> log.add("sent all"));
            Send first = joined.peer().read(Send.class);
            Send second = joined.peer().read(Send.class);
            assertEquals("bob", first.to());
            assertEquals("hi all", second.text());

            joined.peer().send(new Message("bob", "alice", "hello", 1L),
                    new UserJoined("carol"),
                    new Sent(second.id(), "all", 2, 3L),
                    new UserLeft("carol", LeaveReason.CONNECTION_LOST),
                    new Sent(first.id(), "bob", 1, 2L));

            assertEquals(new Sent(first.id(), "bob", 1, 2L), toBob.get(5, TimeUnit.SECONDS));
            assertEquals(2, toAll.get(5, TimeUnit.SECONDS).recipients());
            await().until(() -> log.size() == 5);
            assertEquals(List.of("message bob->alice: hello", "joined carol", "sent all",
                    "left carol (connection lost)", "sent bob"), List.copyOf(log));
        }
    }

    @Test
    void anErrorWithReFailsOnlyThatRequest() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            CompletableFuture<Sent> toNobody = joined.client().send("dave", "hi");
            CompletableFuture<Sent> toBob = joined.client().send("bob", "hi");
            Send first = joined.peer().read(Send.class);
            Send second = joined.peer().read(Send.class);
            joined.peer().send(new ErrorFrame(first.id(), ErrorCode.UNKNOWN_TARGET, "no user 'dave' online"),
                    new Sent(second.id(), "bob", 1, 1L));

            ChatException error = failure(toNobody, ChatException.class);
            assertEquals(ErrorCode.UNKNOWN_TARGET, error.code());
            assertEquals("no user 'dave' online", error.getMessage());
            assertEquals("bob", toBob.get(5, TimeUnit.SECONDS).to());
            assertTrue(listener.events().isEmpty(), "an answered error does not reach the listener");
        }
    }

    @Test
    void anErrorWithoutReGoesToTheListener() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            joined.peer().send(new ErrorFrame(null, ErrorCode.BAD_FRAME, "the line is not a valid frame"));
            await().until(() -> log.contains("error BAD_FRAME: the line is not a valid frame"));
            assertTrue(joined.client().isOpen());
        }
    }

    @Test
    void invalidTextFailsTheFutureLocallyWithTheDaemonsCodeAndSendsNothing() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            ChatClient client = joined.client();
            assertEquals(ErrorCode.EMPTY_MESSAGE, failure(client.send("bob", "  "), ChatException.class).code());
            assertEquals(ErrorCode.MESSAGE_TOO_LONG, failure(client.send("bob", "x".repeat(4097)), ChatException.class).code());
            assertEquals(ErrorCode.MESSAGE_INVALID, failure(client.send("bob", "a\u001b[2J"), ChatException.class).code());

            CompletableFuture<Duration> ping = client.ping();
            Ping sentPing = joined.peer().read(Ping.class); // the first frame on the wire: nothing else went out
            joined.peer().send(new Pong(sentPing.id()));
            assertFalse(ping.get(5, TimeUnit.SECONDS).isNegative());
        }
    }

    @Test
    void listUsersAssemblesAllPages() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            CompletableFuture<List<String>> users = joined.client().listUsers();
            long id = joined.peer().read(ListUsers.class).id();
            joined.peer().send(new UserList(id, List.of("alice", "bob"), true),
                    new Message("bob", "all", "between pages", 1L),
                    new UserList(id, List.of("carol"), true),
                    new UserList(id, List.of(), false));
            assertEquals(List.of("alice", "bob", "carol"), users.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void listFilesAssemblesAllPages() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            CompletableFuture<List<FileEntry>> files = joined.client().listFiles();
            long id = joined.peer().read(ListFiles.class).id();
            FileEntry readme = new FileEntry("README.txt", 12, "ab".repeat(32));
            FileEntry pending = new FileEntry("big/data.bin", 1L << 33, null);
            joined.peer().send(new FileList(id, List.of(readme), true), new FileList(id, List.of(pending), false));
            assertEquals(List.of(readme, pending), files.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void theDaemonsPingIsAnsweredWithPongAutomatically() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            joined.peer().send(new Ping(4242));
            assertEquals(new Pong(4242), joined.peer().read(Pong.class));
            assertTrue(listener.events().isEmpty());
        }
    }

    @Test
    void repliesToUnknownIdsAndUndecodableLinesAreIgnored() throws Exception {
        try (FakeServer.Joined joined = server.join("alice", listener)) {
            joined.peer().send(new Sent(999, "bob", 1, 1L), new UserList(998, List.of("x"), false));
            joined.peer().sendRaw("{\"type\":\"from_the_future\",\"x\":1}");
            joined.peer().sendRaw("not json");
            joined.peer().send(new Message("bob", "all", "still here", 1L));
            await().until(() -> log.contains("message bob->all: still here"));
            assertEquals(List.of("message bob->all: still here"), listener.events());
            assertTrue(joined.client().isOpen());
        }
    }

    @Test
    void aDroppedConnectionFailsPendingRequestsAndTellsTheListenerOnce() throws Exception {
        FakeServer.Joined joined = server.join("alice", listener);
        ChatClient client = joined.client();
        CompletableFuture<Sent> sent = client.send("bob", "are you there?");
        CompletableFuture<List<String>> users = client.listUsers();
        joined.peer().read(Send.class);
        joined.peer().read(ListUsers.class);
        joined.peer().close();

        Throwable cause = listener.disconnected.get(5, TimeUnit.SECONDS);
        assertInstanceOf(DisconnectedException.class, cause);
        failure(sent, DisconnectedException.class);
        failure(users, DisconnectedException.class);
        assertFalse(client.isOpen());
        failure(client.ping(), DisconnectedException.class);
        client.close();
        assertEquals(1, listener.disconnects.get());
        assertEquals("disconnected", List.copyOf(log).getLast());
        assertFalse(client.readerThread().isAlive());
    }

    @Test
    void aFatalErrorIsReportedAndBecomesTheDisconnectCause() throws Exception {
        FakeServer.Joined joined = server.join("alice", listener);
        joined.peer().send(new ErrorFrame(null, ErrorCode.TOO_MANY_BAD_FRAMES, "too many invalid frames"));
        joined.peer().close();
        ChatException cause = assertInstanceOf(ChatException.class, listener.disconnected.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.TOO_MANY_BAD_FRAMES, cause.code());
        assertEquals(List.of("error TOO_MANY_BAD_FRAMES: too many invalid frames", "disconnected"), listener.events());
        joined.client().close();
    }

    @Test
    void shutdownIsReportedAndExplainsTheDisconnect() throws Exception {
        FakeServer.Joined joined = server.join("alice", listener);
        joined.peer().send(new Shutdown("maintenance"));
        joined.peer().close();
        Throwable cause = listener.disconnected.get(5, TimeUnit.SECONDS);
        assertTrue(cause.getMessage().contains("maintenance"), cause.getMessage());
        assertEquals(List.of("shutdown maintenance", "disconnected"), listener.events());
        joined.client().close();
    }

    @Test
    void aRequestWithoutReplyTimesOutAndItsLateReplyIsIgnored() throws Exception {
        ClientOptions options = server.options("alice").toBuilder().requestTimeout(Duration.ofMillis(200)).build();
        try (FakeServer.Joined joined = server.join(options, listener)) {
            CompletableFuture<List<String>> users = joined.client().listUsers();
            long id = joined.peer().read(ListUsers.class).id();
            failure(users, TimeoutException.class);

            joined.peer().send(new UserList(id, List.of("late"), false));
            CompletableFuture<Duration> ping = joined.client().ping();
            joined.peer().send(new Pong(joined.peer().read(Ping.class).id()));
            assertNotNull(ping.get(5, TimeUnit.SECONDS));
            assertTrue(joined.client().isOpen());
        }
    }

    @Test
    void closeSaysQuitWaitsForByeAndIsIdempotent() throws Exception {
        FakeServer.Joined joined = server.join("alice", listener);
        ChatClient client = joined.client();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(client::close, r -> Thread.ofVirtual().start(r));
        Quit quit = joined.peer().read(Quit.class);
        joined.peer().send(new Bye(quit.id()));
        joined.peer().close();
        closed.get(5, TimeUnit.SECONDS);

        assertNull(listener.disconnected.get(5, TimeUnit.SECONDS), "closed by us: no cause");
        client.close();
        assertEquals(1, listener.disconnects.get());
        assertFalse(client.readerThread().isAlive(), "no thread left after close");
        assertFalse(client.isOpen());
        failure(client.send("bob", "too late"), DisconnectedException.class);
    }

    @Test
    void closeEndsEvenWhenTheDaemonNeverSaysBye() throws Exception {
        FakeServer.Joined joined = server.join("alice", listener);
        joined.client().close();
        assertEquals(Quit.class, joined.peer().read().getClass());
        assertNull(joined.peer().read(), "the client closed the socket");
        assertFalse(joined.client().readerThread().isAlive());
        joined.peer().close();
    }

    @Test
    void closeFromAListenerCallbackDoesNotDeadlock() throws Exception {
        CompletableFuture<ChatClient> self = new CompletableFuture<>();
        ChatListener closer = new ChatListener() {
            @Override
            public void onMessage(Message message) {
                self.join().close();
            }

            @Override
            public void onDisconnected(Throwable cause) {
                listener.onDisconnected(cause);
            }
        };
        FakeServer.Joined joined = server.join("alice", closer);
        self.complete(joined.client());
        joined.peer().send(new Message("bob", "alice", "please leave", 1L));
        assertEquals(Quit.class, joined.peer().read().getClass());
        assertNull(listener.disconnected.get(5, TimeUnit.SECONDS));
        await().until(() -> !joined.client().readerThread().isAlive());
        joined.peer().close();
    }

    private static <E extends Throwable> E failure(CompletableFuture<?> future, Class<E> type) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(type, e.getCause());
    }
}
