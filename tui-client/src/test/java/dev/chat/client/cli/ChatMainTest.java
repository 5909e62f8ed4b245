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
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole command against the fake daemon, with stdin, stdout and stderr as byte streams. Piped
 * standard input runs as a script: each command waits for its reply before the next is sent.
 */
@Timeout(20)
class ChatMainTest {
    private FakeServer server;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private String address() {
        return "127.0.0.1:" + server.options("x").port();
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pipedLinesRunOneAfterTheOtherAndEndOfInputEndsWithZero() throws Exception {
        CompletableFuture<Integer> exit = run(input("bob: hi\nhello all\n# a comment\n\n/users\n"),
                "--server", address(), "--name", "alice");
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice", "bob"), false));
            Send first = peer.read(Send.class);
            assertEquals("bob:hi", first.to() + ":" + first.text());
            peer.send(new Message("bob", "alice", "hey", 0), new Sent(first.id(), "bob", 1, 0));
            Send second = peer.read(Send.class);
            assertEquals("all:hello all", second.to() + ":" + second.text());
            peer.send(new Sent(second.id(), "all", 1, 0));
            long users = peer.read(ListUsers.class).id();
            peer.send(new UserList(users, List.of("alice", "bob"), false));
            Quit quit = peer.read(Quit.class);
            peer.send(new Bye(quit.id()));
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        assertTrue(stdout().contains("* welcome alice, 2 users online: alice, bob"), stdout());
        assertTrue(stdout().matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d] bob -> you: hey.*"), stdout());
        assertTrue(stdout().contains("\nalice\nbob\n"), stdout());
        assertEquals("", stderr());
    }

    @Test
    void aFailedCommandStopsTheScriptWithOneAndTheCodeOnStderr() throws Exception {
        CompletableFuture<Integer> exit = run(input("dave: hi\nall: never sent\n"), "--server", address(), "--name", "alice");
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice"), false));
            Send send = peer.read(Send.class);
            peer.send(new ErrorFrame(send.id(), ErrorCode.UNKNOWN_TARGET, "no user 'dave' online"));
            Quit quit = peer.read(Quit.class); // not the second send
            peer.send(new Bye(quit.id()));
        }
        assertEquals(ChatMain.EXIT_FAILED, exit.get(10, TimeUnit.SECONDS));
        assertEquals("! UNKNOWN_TARGET: line 1: no user 'dave' online", stderr().strip());
    }

    @Test
    @SuppressWarnings("try") // the peer hangs up inside its try block on purpose
    void theDaemonHangingUpEndsWithOne() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        CompletableFuture<Integer> exit = run(new PipedInputStream(keyboard), "--server", address(), "--name", "alice");
        try (keyboard; FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice"), false));
            peer.close();
            assertEquals(ChatMain.EXIT_FAILED, exit.get(10, TimeUnit.SECONDS));
        }
        assertTrue(stderr().contains("* disconnected: "), stderr());
    }

    @Test
    void aTakenNameEndsWithThreeAndTheCode() throws Exception {
        CompletableFuture<Integer> exit = run(InputStream.nullInputStream(), "--server", address(), "--name", "bob");
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            peer.send(new ErrorFrame(hello.id(), ErrorCode.NAME_TAKEN, "the name 'bob' is taken"));
            assertEquals(ChatMain.EXIT_CANNOT_JOIN, exit.get(10, TimeUnit.SECONDS));
        }
        assertEquals("! NAME_TAKEN: the name 'bob' is taken", stderr().strip());
    }

    @Test
    void anUnreachableServerEndsWithThree() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertEquals(3, run(InputStream.nullInputStream(), "--server", "127.0.0.1:" + port, "--name", "bob")
                .get(10, TimeUnit.SECONDS));
        assertTrue(stderr().startsWith("! UNREACHABLE: "), stderr());
    }

    @Test
    void aMissingNameIsAUsageErrorWithTwo() throws Exception {
        assertEquals(2, run(InputStream.nullInputStream()).get(10, TimeUnit.SECONDS));
        assertTrue(stderr().contains("--name"), stderr());
    }

    @Test
    void badFlagsAreUsageErrorsWithTwo() throws Exception {
        assertEquals(2, run(InputStream.nullInputStream(), "--server", "host:http", "--name", "bob").get(10, TimeUnit.SECONDS));
        assertEquals(2, run(InputStream.nullInputStream(), "--name", "bob", "--line", "--script", "-").get(10, TimeUnit.SECONDS));
        assertEquals(2, run(InputStream.nullInputStream(), "--name", "bob", "--colour").get(10, TimeUnit.SECONDS));
    }

    @Test
    void anUnreadableScriptIsAUsageErrorBeforeJoining() throws Exception {
        assertEquals(2, run(InputStream.nullInputStream(), "--server", address(), "--name", "bob",
                "--script", dir.resolve("missing.chat").toString()).get(10, TimeUnit.SECONDS));
        assertTrue(stderr().startsWith("! USAGE: cannot read the script "), stderr());
    }

    @Test
    void anUnknownCommandInAScriptFileIsAUsageErrorBeforeJoining() throws Exception {
        Path script = Files.writeString(dir.resolve("s.chat"), "all: hi\n/kick bob\n");
        assertEquals(2, run(InputStream.nullInputStream(), "--server", address(), "--name", "bob",
                "--script", script.toString()).get(10, TimeUnit.SECONDS));
        assertTrue(stderr().contains("line 2: unknown command /kick"), stderr());
    }

    /** scripts/chat runs --check-args before it starts a daemon: a usage error must not leave one behind. */
    @Test
    void checkArgsFindsEveryUsageErrorARealRunWouldAndConnectsToNothing() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.chat"), "/kick bob\n");
        Path good = Files.writeString(dir.resolve("good.chat"), "all: hi\n");
        String nowhere = "127.0.0.1:1"; // a real run would fail to join here (exit 3), a check does not try
        assertEquals(2, run(InputStream.nullInputStream(), "--check-args", "--bogus-flag").get(10, TimeUnit.SECONDS));
        assertEquals(2, run(InputStream.nullInputStream(), "--check-args", "--script", good.toString())
                .get(10, TimeUnit.SECONDS));
        assertEquals(2, run(InputStream.nullInputStream(), "--check-args", "--server", nowhere, "--name", "bob",
                "--script", bad.toString()).get(10, TimeUnit.SECONDS));
        assertTrue(stderr().contains("line 1: unknown command /kick"), stderr());
        assertEquals(0, run(InputStream.nullInputStream(), "--check-args", "--server", nowhere, "--name", "bob",
                "--script", good.toString()).get(10, TimeUnit.SECONDS));
        assertEquals(0, run(input("all: not read\n"), "--check-args", "--server", nowhere, "--name", "bob",
                "--notice", "started a daemon").get(10, TimeUnit.SECONDS));
        assertEquals("", stdout());
    }

    @Test
    void helpDocumentsTheExitCodesAndVersionEndsWithZero() throws Exception {
        assertEquals(0, run(InputStream.nullInputStream(), "--help").get(10, TimeUnit.SECONDS));
        for (String expected : List.of("--server", "--script", "--line", "--json", "--download-dir", "Exit codes:",
                "could not join")) {
            assertTrue(stdout().contains(expected), expected + " in " + stdout());
        }
        assertEquals(0, run(InputStream.nullInputStream(), "--version").get(10, TimeUnit.SECONDS));
        assertTrue(stdout().contains("chat 0.1.0"));
    }

    @Test
    void theSettingsFileGivesTheFlagsDefaultsAndAFlagOverridesIt() throws Exception {
        Files.writeString(dir.resolve("config"), "# defaults\nname = alice\nserver = " + address() + "\n");
        CompletableFuture<Integer> exit = run(input("/users\n"));
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            assertEquals("alice", hello.name());
            peer.send(FakeServer.welcome(hello.id(), "alice", List.of("alice"), false));
            long users = peer.read(ListUsers.class).id();
            peer.send(new UserList(users, List.of("alice"), false));
            Quit quit = peer.read(Quit.class);
            peer.send(new Bye(quit.id()));
        }
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
        CompletableFuture<Integer> named = run(input("/users\n"), "--name", "carol");
        try (FakeServer.Peer peer = server.accept()) {
            Hello hello = peer.read(Hello.class);
            assertEquals("carol", hello.name(), "--name beats the settings file");
            peer.send(FakeServer.welcome(hello.id(), "carol", List.of("carol"), false));
            long users = peer.read(ListUsers.class).id();
            peer.send(new UserList(users, List.of("carol"), false));
            Quit quit = peer.read(Quit.class);
            peer.send(new Bye(quit.id()));
        }
        assertEquals(0, named.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aBadSettingsLineIsAUsageErrorNamingTheLineBeforeAnythingRuns() throws Exception {
        Files.writeString(dir.resolve("config"), "name = alice\nbel = off\n");
        assertEquals(ChatMain.EXIT_USAGE, run(input("/users\n"), "--server", address()).get(10, TimeUnit.SECONDS));
        assertTrue(stderr().startsWith("chat: settings: " + dir.resolve("config") + " line 2: unknown key 'bel'"),
                stderr());
    }

    private static InputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private CompletableFuture<Integer> run(InputStream in, String... args) {
        ChatMain main = new ChatMain(Environment.of(in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), dir.resolve("history")));
        return CompletableFuture.supplyAsync(() -> ChatMain.commandLine(main).execute(args),
                task -> Thread.ofVirtual().start(task));
    }
}
