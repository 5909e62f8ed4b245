package dev.chat.client;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(15)
class ChatClientJoinTest {
    private FakeServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void joinSendsHelloAndReturnsTheWelcome() throws Exception {
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("alice"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            assertEquals("alice", hello.name());
            assertEquals(1, hello.version());
            assertEquals(ClientOptions.DEFAULT_CLIENT_SOFTWARE, hello.client());
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice", "bob"), false));
            try (ChatClient client = connecting.get(5, TimeUnit.SECONDS); peer) {
                WelcomeInfo welcome = client.welcome();
                assertEquals("alice", welcome.name());
                assertEquals(List.of("alice", "bob"), welcome.users());
                assertEquals("fake-chatd 0", welcome.server());
                assertEquals(FakeServer.LIMITS, welcome.limits());
                assertTrue(client.isOpen());
            }
        }
    }

    @Test
    void welcomeWithMoreIsCompletedByTheUserListPagesThatFollow() throws Exception {
        List<String> first = names(0, 256);
        List<String> second = names(256, 512);
        List<String> third = names(512, 600);
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("alice"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(FakeServer.welcome(hello.id(), "alice", first, true),
                    new Ping(77),
                    new UserList(hello.id(), second, true),
                    new UserList(hello.id(), third, false));
            assertEquals(77, peer.read(Pong.class).re(), "a ping during the handshake is answered");
            try (ChatClient client = connecting.get(5, TimeUnit.SECONDS); peer) {
                assertEquals(names(0, 600), client.welcome().users());
            }
        }
    }

    @Test
    void nameTakenFailsTheJoinWithItsCodeAndAnotherNameMayFollowOnTheSameConnection() throws Exception {
        CompletableFuture<JoinException> refused = new CompletableFuture<>();
        CompletableFuture<ChatClient> joined = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                Handshake handshake = ChatClient.open(server.options("bob"));
                try {
                    handshake.join("bob", ChatListener.NONE);
                } catch (JoinException e) {
                    refused.complete(e);
                }
                joined.complete(handshake.join("bob2", ChatListener.NONE));
            } catch (Throwable e) {
                joined.completeExceptionally(e);
            }
        });
        try (FakeServer.Peer peer = server.accept()) {
            Hello first = peer.read(Hello.class);
            peer.send(new ErrorFrame(first.id(), ErrorCode.NAME_TAKEN, "the name 'bob' is taken"));
            Hello second = peer.read(Hello.class);
            assertEquals("bob2", second.name());
            peer.send(FakeServer.welcome(second.id(), "bob2", List.of("bob", "bob2"), false));

            JoinException e = refused.get(5, TimeUnit.SECONDS);
            assertEquals(JoinException.Kind.REJECTED, e.kind());
            assertEquals(ErrorCode.NAME_TAKEN, e.code().orElseThrow());
            assertTrue(e.retryable());
            try (ChatClient client = joined.get(5, TimeUnit.SECONDS); peer) {
                assertEquals("bob2", client.name());
            }
        }
    }

    @Test
    void connectClosesTheConnectionWhenTheNameIsTaken() throws Exception {
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("bob"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(new ErrorFrame(hello.id(), ErrorCode.NAME_TAKEN, "taken"));
            JoinException e = joinFailure(connecting);
            assertEquals(ErrorCode.NAME_TAKEN, e.code().orElseThrow());
            assertNull(peer.read(), "the client hung up");
        }
    }

    @Test
    void serverFullSentBeforeHelloIsARejectionWithItsCode() throws Exception {
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("carol"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            peer.send(new ErrorFrame(null, ErrorCode.SERVER_FULL, "the server is full"));
            peer.shutdownOutput();
            JoinException e = joinFailure(connecting);
            assertEquals(JoinException.Kind.REJECTED, e.kind());
            assertEquals(ErrorCode.SERVER_FULL, e.code().orElseThrow());
            assertFalse(e.retryable());
        }
    }

    @Test
    void protocolVersionErrorIsARejectionWithItsCode() throws Exception {
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("carol"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(new ErrorFrame(hello.id(), ErrorCode.PROTOCOL_VERSION, "version 1 only"));
            assertEquals(ErrorCode.PROTOCOL_VERSION, joinFailure(connecting).code().orElseThrow());
        }
    }

    @Test
    void anInvalidNameIsRejectedLocallyWithNameInvalid() throws Exception {
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("no spaces"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            JoinException e = joinFailure(connecting);
            assertEquals(ErrorCode.NAME_INVALID, e.code().orElseThrow());
            assertNull(peer.read(), "no hello was sent, the connection was closed");
        }
    }

    @Test
    void aClosedPortIsReportedAsUnreachable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        ClientOptions options = ClientOptions.of("127.0.0.1", port, "dave");
        JoinException e = assertThrows(JoinException.class, () -> ChatClient.connect(options, ChatListener.NONE));
        assertEquals(JoinException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.code().isEmpty());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void noWelcomeWithinTheRequestTimeoutIsTimedOut() throws Exception {
        ClientOptions options = ClientOptions.builder().host("127.0.0.1").port(server.options("x").port())
                .name("erin").requestTimeout(Duration.ofMillis(300)).build();
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(options, ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            peer.read(Hello.class);
            assertEquals(JoinException.Kind.TIMED_OUT, joinFailure(connecting).kind());
        }
    }

    @Test
    @SuppressWarnings("try") // the peer hangs up inside its try block on purpose
    void theServerClosingBeforeWelcomeIsConnectionLost() throws Exception {
        CompletableFuture<ChatClient> connecting = FakeServer.connectAsync(server.options("frank"), ChatListener.NONE);
        try (FakeServer.Peer peer = server.accept()) {
            peer.read(Hello.class);
            peer.close();
            assertEquals(JoinException.Kind.CONNECTION_LOST, joinFailure(connecting).kind());
        }
    }

    private static JoinException joinFailure(CompletableFuture<ChatClient> connecting) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> connecting.get(5, TimeUnit.SECONDS));
        return assertInstanceOf(JoinException.class, e.getCause());
    }

    private static List<String> names(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "user" + i).toList();
    }
}
