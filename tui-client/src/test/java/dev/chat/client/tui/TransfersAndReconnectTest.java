package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.DownloadResult;
import dev.chat.client.FakeDownload;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transfer rows with synthetic progress, the rejoin after a lost daemon, and idle CPU. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TransfersAndReconnectTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(120, 30);

    @BeforeEach
    void start() throws Exception {
        Files.write(files.resolve("random-300k.bin"), new byte[300 * 1024]);
        Files.writeString(files.resolve("notes.txt"), "hello\n");
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void eachDownloadHasItsOwnRowThatReachesOneHundredPercentAndDone() throws Exception {
        FakeDownloads fakes = new FakeDownloads(null);
        fixture.tui(terminal, "alice", "alice", real -> fakes.wrapping(real));
        awaitScreen(terminal, "connected");
        terminal.typeLine("/get random-300k.bin");
        terminal.typeLine("/get notes.txt tcp");
        await().until(() -> fakes.started.size() == 2);
        FakeDownload udp = fakes.started.get("random-300k.bin/UDP");
        FakeDownload tcp = fakes.started.get("notes.txt/TCP");
        awaitScreen(terminal, "connecting");

        udp.advance(150 * 1024, 300 * 1024, 1024 * 1024, Duration.ofMillis(3), 2);
        awaitScreen(terminal, "50%");
        awaitScreen(terminal, "150.0 KiB/300.0 KiB");
        awaitScreen(terminal, "rtt 3 ms rtx 2");
        awaitScreen(terminal, "active");

        udp.advance(300 * 1024, 300 * 1024, 1024 * 1024, Duration.ofMillis(3), 2);
        awaitScreen(terminal, "verifying");
        udp.result().complete(new DownloadResult(downloads.resolve("random-300k.bin"), 300 * 1024, "00"));
        awaitScreen(terminal, "done");
        String row = terminal.screen().lines().filter(l -> l.contains("random-300k.bin") && l.contains(" done "))
                .findFirst().orElseThrow();
        assertTrue(row.contains("100%") && row.contains("[==========]"), row);

        terminal.typeLine("/cancel 2");
        awaitScreen(terminal, "cancelled");
        System.out.println("headless screen:\n" + terminal.screen());
        assertTrue(tcp.cancelled(), "/cancel reached the library's download");
        assertTrue(tcp.result().isCompletedExceptionally());
    }

    @Test
    void theFilePickerDownloadsTheChosenFileOverTheChosenProtocol() throws Exception {
        FakeDownloads fakes = new FakeDownloads(null);
        fixture.tui(terminal, "alice", "alice", real -> fakes.wrapping(real));
        awaitScreen(terminal, "connected");
        terminal.press(KeyType.F3);
        awaitScreen(terminal, "Files (2)");
        awaitScreen(terminal, "[UDP] TCP");
        terminal.press(KeyType.ArrowDown);
        terminal.press(KeyType.Tab);
        awaitScreen(terminal, "UDP [TCP]");
        terminal.press(KeyType.Enter);
        await().until(() -> fakes.started.containsKey("random-300k.bin/TCP"));
        awaitScreen(terminal, "Transfers (1, 1 running)");
    }

    @Test
    void aLostDaemonIsShownAndTheClientRejoinsAndSendsWhatWasTypedMeanwhile() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        int port = fixture.server.port();
        fixture.server.close();
        awaitScreen(terminal, "CONNECTION LOST");
        terminal.typeLine("all: typed while away");
        awaitScreen(terminal, "waits (1 queued)");

        fixture.server = fixture.startDaemon(port);
        List<String> bobSaw = new CopyOnWriteArrayList<>();
        ChatClient bob = null;
        try {
            await().atMost(Duration.ofSeconds(40)).until(() -> terminal.screen().contains("reconnected to"));
            bob = ChatClient.connect(fixture.options("bob"), new ChatListener() {
                @Override
                public void onMessage(Message m) {
                    bobSaw.add(m.text());
                }
            });
            awaitScreen(terminal, "alice | connected");
            awaitScreen(terminal, "alice: typed while away");
            terminal.typeLine("all: after");
            await().until(() -> bobSaw.contains("after"));
        } finally {
            if (bob != null) {
                bob.close();
            }
        }
    }

    /**
     * Lanterna's own GUI thread wakes every millisecond; this one sleeps until something happens.
     * Measured here: CPU time of the GUI and key threads over 5 s of an idle, connected client.
     */
    @Test
    void anIdleClientUsesAlmostNoCpu() throws Exception {
        var running = fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        Thread gui = running.guiThread();
        Thread keys = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("chat-keys"))
                .findFirst().orElseThrow();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getThreadCpuTime(gui.threadId()) + threads.getThreadCpuTime(keys.threadId());
        long start = System.nanoTime();
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
        long used = threads.getThreadCpuTime(gui.threadId()) + threads.getThreadCpuTime(keys.threadId()) - before;
        double percent = 100.0 * used / (System.nanoTime() - start);
        System.out.printf("idle CPU of GUI + key threads over 5 s: %.3f ms (%.4f%%)%n", used / 1e6, percent);
        assertTrue(percent < 0.5, "idle CPU " + percent + "%");
    }
}
