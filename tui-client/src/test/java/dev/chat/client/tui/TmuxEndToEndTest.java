package dev.chat.client.tui;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.cli.ChatMain;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real client in a real terminal: tmux runs it in a detached 100x30 session, the test types
 * with {@code send-keys} and reads the screen with {@code capture-pane}. Skipped where tmux is not
 * installed (CI installs it). Also measures the idle client's CPU from /proc over 10 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TmuxEndToEndTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final String socket = "chat-tui-test-" + ProcessHandle.current().pid();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(tmuxAvailable(), "tmux is not installed");
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            tmux("kill-server");
            fixture.close();
        }
    }

    @Test
    void theRealClientChatsInTmuxAndIdlesQuietly() throws Exception {
        startClient();

        List<String> bobSaw = new CopyOnWriteArrayList<>();
        ChatClient bob = fixture.peer("bob", new ChatListener() {
            @Override
            public void onMessage(Message m) {
                bobSaw.add(m.from() + ": " + m.text());
            }
        });
        awaitPane("Users (2)");
        bob.send("alice", "hello from bob").get(5, TimeUnit.SECONDS);
        awaitPane("Act: 2!"); // bob's private line opened buffer 2
        tmux("send-keys", "-t", "chat", "M-2");
        awaitPane("bob -> you: hello from bob");

        tmux("send-keys", "-t", "chat", "-l", "bob: hi from tmux");
        tmux("send-keys", "-t", "chat", "Enter");
        await().atMost(Duration.ofSeconds(10)).until(() -> bobSaw.contains("alice: hi from tmux"));
        awaitPane("you -> bob: hi from tmux");
        System.out.println("tmux capture-pane:\n" + capture());

        double percent = idleCpuPercent(Duration.ofSeconds(10));
        System.out.printf("idle CPU of the whole client process in tmux over 10 s: %.2f%%%n", percent);
        assertTrue(percent < 3.0, "idle CPU " + percent + "%");

        tmux("send-keys", "-t", "chat", "-l", "/quit");
        tmux("send-keys", "-t", "chat", "Enter");
        await().atMost(Duration.ofSeconds(10)).until(() -> tmuxQuiet("has-session", "-t", "chat") != 0);
    }

    /**
     * tmux 3.3a, measured with {@code printf} and {@code #{cursor_x}}: {@code 👍🏽} 4 cells (it does
     * not join emoji modifiers), {@code 🇮🇱}, {@code 👨‍👩‍👧}, {@code 🏴}+tags, {@code ⚡}, {@code 😀}
     * and {@code 中} 2, {@code ❤️} and {@code ☺️} 1 (VS16 ignored), a lone regional indicator 1,
     * {@code é} and {@code x}+U+200B 1. The width model says 2 for every emoji cluster, so tmux is
     * wider for skin tones and narrower for VS16 hearts; neither may move anything else.
     */
    @Test
    void emojiLinesFromAPeerLeaveTheNextPlainLineAndTheBordersIntact() throws Exception {
        startClient();
        ChatClient bob = fixture.peer("bob", new ChatListener() { });
        awaitPane("Users (2)");
        tmux("send-keys", "-t", "chat", "-l", "/query bob");
        tmux("send-keys", "-t", "chat", "Enter");
        awaitPane("| 2:bob |");
        for (String line : List.of("skin 👍🏽👍🏽👍🏽 tones", "flag 🇮🇱 here", "family 👨‍👩‍👧 here", "heart ❤️ here",
                "cjk 中文 here", "mark x\u0301\u0323 here", "zero a\u200Bb here")) {
            bob.send("alice", line).get(5, TimeUnit.SECONDS);
        }
        bob.send("alice", "plain line 10").get(5, TimeUnit.SECONDS);
        awaitPane("plain line 10");
        String[] rows = capture().split("\n", -1);
        System.out.println("tmux capture-pane after emoji lines:\n" + String.join("\n", rows));
        String plain = java.util.Arrays.stream(rows).filter(r -> r.contains("plain line 10")).findFirst().orElseThrow();
        assertEquals(String.format("%-68s│", "bob -> you: plain line 10"), plain.substring(11, 80), plain);
        assertTrue(capture().contains("bob -> you: cjk 中文 here"), capture());
        assertTrue(capture().contains("bob -> you: zero ab here"), capture());
        for (int row = 0; row < 28; row++) { // no transfers: the chat and users panes reach the status bar
            assertEquals(1, rows[row].chars().filter(c -> c == '│').count(), "one separator on row " + row);
            if (rows[row].codePoints().allMatch(c -> c < 0x300 || c == '│')) {
                assertEquals('│', rows[row].charAt(79), "separator column on plain row " + row);
            }
        }
        assertTrue(!capture().contains("Transfers ("), "an empty transfers pane takes no rows");
        assertTrue(rows[28].contains("alice | connected"), rows[28]);
        assertTrue(rows[29].startsWith("[bob]"), rows[29]); // bob's buffer is shown // capture-pane drops trailing blanks
    }

    /**
     * tmux 3.3a reorders nothing (it stores and shows cells in the order written, FSI/PDI kept as
     * zero-width parts of the cell before, measured with printf and #{cursor_x}), so the client's own
     * reordering is what a user sees: a Hebrew nick reads right to left inside the English template.
     * Then the mouse wheel, as the bytes a terminal in mode 1000 sends for it, scrolls the chat pane.
     */
    @Test
    void aHebrewNickKeepsTheTemplatesAndTheMouseWheelScrollsInTmux() throws Exception {
        startClient();
        tmux("send-keys", "-t", "chat", "-l", "/joins all");
        tmux("send-keys", "-t", "chat", "Enter");
        ChatClient dani = fixture.peer("דני", new ChatListener() { });
        awaitPane("--> ינד joined");
        for (int i = 0; i < 10; i++) { // more than the 3 lines one notch scrolls
            dani.send("all", "line " + i).get(5, TimeUnit.SECONDS);
        }
        awaitPane("ינד: line 9");
        assertTrue(!capture().contains("joined ינד"), capture());
        tmux("send-keys", "-t", "chat", "-H", "1b", "5b", "4d", "60", "21", "21"); // ESC [ M: wheel up at 1,1
        awaitPane("scrolled up");
        assertTrue(!capture().contains("line 9"), capture());
        tmux("send-keys", "-t", "chat", "-H", "1b", "5b", "4d", "61", "21", "21"); // wheel down
        awaitPane("ינד: line 9");
    }

    private void startClient() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The product's own entry point: on a terminal, without --line or --script, it is full-screen.
        String command = String.join(" ", quote(java), "-cp", quote(System.getProperty("java.class.path")),
                ChatMain.class.getName(), "--server", "127.0.0.1:" + fixture.server.port(), "--name", "alice",
                "--download-dir", quote(downloads.toString()));
        tmux("new-session", "-d", "-s", "chat", "-x", "100", "-y", "30", command);
        awaitPane("alice | connected");
    }

    /** CPU time of the client's JVM (utime + stime in /proc) over {@code span}, as a share of one core. */
    private double idleCpuPercent(Duration span) throws Exception {
        long pid = clientPid();
        long before = cpuTicks(pid);
        long start = System.nanoTime();
        await().pollDelay(span).atMost(span.plusSeconds(2)).until(() -> true);
        long ticks = cpuTicks(pid) - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        return 100.0 * ticks / 100.0 / seconds; // USER_HZ is 100 on Linux
    }

    private long clientPid() throws Exception {
        long pid = Long.parseLong(output("display-message", "-p", "-t", "chat", "#{pane_pid}").strip());
        // The pane runs "sh -c java ..." or java itself; find the java process.
        for (int depth = 0; depth < 3; depth++) {
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            if (comm.equals("java")) {
                return pid;
            }
            long parent = pid;
            pid = ProcessHandle.of(parent).orElseThrow().children().findFirst().orElseThrow().pid();
        }
        return pid;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    private void awaitPane(String text) {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> capture().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the pane never showed '" + text + "':\n" + capture(), e);
        }
    }

    private String capture() {
        try {
            return output("capture-pane", "-p", "-t", "chat");
        } catch (Exception e) {
            return "(capture failed: " + e + ")";
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean tmuxAvailable() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private void tmux(String... args) throws Exception {
        output(args);
    }

    private int tmuxQuiet(String... args) throws Exception {
        Process p = process(args).start();
        p.getInputStream().readAllBytes();
        p.waitFor(5, TimeUnit.SECONDS);
        return p.exitValue();
    }

    private String output(String... args) throws Exception {
        Process p = process(args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private ProcessBuilder process(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().remove("TMUX");
        return builder;
    }
}
