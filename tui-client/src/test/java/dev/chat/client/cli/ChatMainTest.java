package dev.chat.client.cli;

import dev.chat.client.FakeServer;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole command against the fake daemon, with stdin and stdout as byte streams. */
@Timeout(20)
class ChatMainTest {
    private FakeServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void linesAreSentToTheirTargetsEventsArePrintedAndQuitEndsWithZero() throws Exception {
        String input = "bob: hi\nhello all\n/to bob\nagain\n/users\n/quit\n";
        CompletableFuture<Integer> exit = run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                "--server", "127.0.0.1:" + server.options("x").port(), "--name", "alice");
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice", "bob"), false));
            Send first = peer.read(Send.class);
            Send second = peer.read(Send.class);
            Send third = peer.read(Send.class);
            assertEquals(List.of("bob:hi", "all:hello all", "bob:again"),
                    List.of(first.to() + ":" + first.text(), second.to() + ":" + second.text(), third.to() + ":" + third.text()));
            long users = peer.read(ListUsers.class).id();
            peer.send(new Sent(first.id(), "bob", 1, 0), new Message("bob", "alice", "hey", 0),
                    new UserJoined("carol"), new UserList(users, List.of("alice", "bob", "carol"), false),
                    new ErrorFrame(third.id(), ErrorCode.UNKNOWN_TARGET, "no user 'bob' online"));
            Quit quit = peer.read(Quit.class);
            peer.send(new Bye(quit.id()));
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("* welcome alice, 2 users online: alice, bob"), printed);
        assertTrue(printed.contains("* now talking to bob"), printed);
        assertTrue(printed.matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d] bob -> you: hey.*"), printed);
        assertTrue(printed.contains("* carol joined"), printed);
        assertTrue(printed.contains("* users (3): alice, bob, carol"), printed);
        assertTrue(printed.contains("! UNKNOWN_TARGET: no user 'bob' online"), printed);
    }

    @Test
    @SuppressWarnings("try") // the peer hangs up inside its try block on purpose
    void theDaemonHangingUpEndsWithOne() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        CompletableFuture<Integer> exit = run(new PipedInputStream(keyboard),
                "--server", "127.0.0.1:" + server.options("x").port(), "--name", "alice");
        try (keyboard; FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice"), false));
            peer.close();
            assertEquals(ChatMain.EXIT_CONNECTION_LOST, exit.get(10, TimeUnit.SECONDS));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("* disconnected: "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTakenNameEndsWithThreeAndTheCode() throws Exception {
        CompletableFuture<Integer> exit = run(InputStream.nullInputStream(),
                "--server", "127.0.0.1:" + server.options("x").port(), "--name", "bob");
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(new ErrorFrame(hello.id(), ErrorCode.NAME_TAKEN, "the name 'bob' is taken"));
            assertEquals(ChatMain.EXIT_CANNOT_JOIN, exit.get(10, TimeUnit.SECONDS));
        }
        assertEquals("! NAME_TAKEN: the name 'bob' is taken", err.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void anUnreachableServerEndsWithThree() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertEquals(3, run(InputStream.nullInputStream(), "--server", "127.0.0.1:" + port, "--name", "bob")
                .get(10, TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("! UNREACHABLE: "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingNameIsAUsageErrorWithTwo() throws Exception {
        assertEquals(2, run(InputStream.nullInputStream()).get(10, TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--name"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadServerAddressIsAUsageErrorWithTwo() throws Exception {
        assertEquals(2, run(InputStream.nullInputStream(), "--server", "host:http", "--name", "bob").get(10, TimeUnit.SECONDS));
    }

    @Test
    void helpAndVersionEndWithZero() throws Exception {
        assertEquals(0, run(InputStream.nullInputStream(), "--help").get(10, TimeUnit.SECONDS));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--server"));
        assertEquals(0, run(InputStream.nullInputStream(), "--version").get(10, TimeUnit.SECONDS));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("chat 0.1.0"));
    }

    private CompletableFuture<Integer> run(InputStream in, String... args) {
        ChatMain main = new ChatMain(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> ChatMain.commandLine(main).execute(args),
                task -> Thread.ofVirtual().start(task));
    }
}
