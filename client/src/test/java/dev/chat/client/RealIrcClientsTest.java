package dev.chat.client;

import dev.chat.daemon.ChatServer;
import dev.chat.daemon.DaemonConfig;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's own IRC clients against a real daemon on loopback, meeting a chat user of the client
 * library: {@code ii} (files and FIFOs) and {@code irssi} (in tmux). Both need the programs
 * ({@code .ci/run} installs them); without them the test is skipped, saying so.
 */
@Timeout(60)
class RealIrcClientsTest {
    /** The one test time scale (CHAT_TEST_TIME_SCALE, as the daemon's AttackHarness reads it). */
    private static final double TIME_SCALE = Double.parseDouble(System.getProperty("chat.test.timeScale",
            System.getenv().getOrDefault("CHAT_TEST_TIME_SCALE", "1")));
    private static final Duration WAIT = Duration.ofMillis(Math.round(10_000 * TIME_SCALE));
    private static final String HELLO = "שלום 👋🏽 from chat";

    @TempDir
    Path home;
    @TempDir
    Path files;
    private ChatServer server;

    @BeforeEach
    void startDaemon() throws IOException {
        server = new ChatServer(DaemonConfig.builder().bind("127.0.0.1").port(0).files(files)
                .drainTimeout(Duration.ofMillis(300)).shutdownGrace(Duration.ofMillis(500)).build()).start();
    }

    @AfterEach
    void stopDaemon() {
        server.close();
    }

    @Test
    void iiAndAChatUserExchangeRoomAndPrivateMessagesAndSeeJoinsAndLeaves() throws Exception {
        assumeTrue(installed("ii"), "ii is not installed (apt-get install ii)");
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        Process ii = new ProcessBuilder("ii", "-s", "127.0.0.1", "-p", Integer.toString(server.port()), "-n", "iiuser",
                "-f", "ii user", "-i", home.toString()).redirectErrorStream(true)
                .redirectOutput(home.resolve("ii.log").toFile()).start();
        try {
            Path net = home.resolve("127.0.0.1");
            await().atMost(WAIT).until(() -> contains(net.resolve("out"), " 001 ") || contains(net.resolve("out"), "Welcome"));
            write(net.resolve("in"), "/j #chat");
            Path channel = net.resolve("#chat");
            await().atMost(WAIT).until(() -> Files.exists(channel.resolve("in")));
            try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), record(seen))) {
                await().atMost(WAIT).until(() -> contains(channel.resolve("out"), "bob"));
                bob.send("all", HELLO).get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> contains(channel.resolve("out"), "<bob> " + HELLO));

                write(channel.resolve("in"), "עברית 🎉 from ii");
                await().atMost(WAIT).until(() -> seen.contains("iiuser->all: עברית 🎉 from ii"));

                bob.send("iiuser", "private ✓ דני").get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> contains(net.resolve("bob").resolve("out"), "<bob> private ✓ דני"));
                write(net.resolve("bob").resolve("in"), "private back 😀");
                await().atMost(WAIT).until(() -> seen.contains("iiuser->bob: private back 😀"));
            }
            await().atMost(WAIT).until(() -> contains(net.resolve("out"), "bob(u@chat) has quit"));
        } finally {
            ii.destroy();
            ii.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void irssiInTmuxAndAChatUserTalkBothWays() throws Exception {
        assumeTrue(installed("irssi") && installed("tmux"), "irssi or tmux is not installed");
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        String session = "chatirc" + ProcessHandle.current().pid();
        try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), record(seen))) {
            tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50",
                    "irssi --home=" + home + " -c 127.0.0.1 -p " + server.port() + " -n irssiuser");
            try {
                await().atMost(WAIT).until(() -> seen.contains("joined irssiuser"));
                await().atMost(WAIT).until(() -> screen(session).contains("#chat"));
                tmux("send-keys", "-t", session, "-l", "/window 2"); // the channel's window, opened by the join
                tmux("send-keys", "-t", session, "Enter");
                bob.send("all", HELLO).get(10, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> screen(session).contains(HELLO.substring(0, 4)));
                tmux("send-keys", "-t", session, "-l", "/msg bob עברית from irssi");
                tmux("send-keys", "-t", session, "Enter");
                await().atMost(WAIT).until(() -> seen.contains("irssiuser->bob: עברית from irssi"));
                tmux("send-keys", "-t", session, "-l", "/quit bye");
                tmux("send-keys", "-t", session, "Enter");
                await().atMost(WAIT).until(() -> seen.contains("left irssiuser"));
            } finally {
                new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static ChatListener record(Queue<String> seen) {
        return new ChatListener() {
            @Override
            public void onMessage(Message message) {
                seen.add(message.from() + "->" + message.to() + ": " + message.text());
            }

            @Override
            public void onUserJoined(String name) {
                seen.add("joined " + name);
            }

            @Override
            public void onUserLeft(String name, LeaveReason reason) {
                seen.add("left " + name);
            }
        };
    }

    private String screen(String session) throws IOException, InterruptedException {
        Process capture = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).redirectErrorStream(true).start();
        String text = new String(capture.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        capture.waitFor(5, TimeUnit.SECONDS);
        return text;
    }

    private void tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tmux", "-u"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("TERM", "xterm-256color");
        Process p = builder.start();
        p.getInputStream().readAllBytes();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    private static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(Path file, String text) throws IOException {
        return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
    }

    /** One line into an ii FIFO (ii holds it open for reading, so this does not block). */
    private static void write(Path fifo, String line) throws IOException {
        Files.writeString(fifo, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }
}
