package dev.chat.client.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The full-screen client on a headless terminal against the real daemon on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullScreenClientTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 30);

    @BeforeEach
    void start() throws Exception {
        java.nio.file.Files.writeString(files.resolve("notes.txt"), "hello\n");
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private static final class Inbox implements ChatListener {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(Message m) {
            lines.add(m.from() + " -> " + m.to() + ": " + m.text());
        }
    }

    @Test
    void messagesBothWaysAppearInTheChatPaneWithPrivateOnesMarked() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");
        Inbox bobSaw = new Inbox();
        ChatClient bob = fixture.peer("bob", bobSaw);

        bob.send("alice", "hi alice").get(5, TimeUnit.SECONDS);
        bob.send("all", "hello everyone").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "bob: hello everyone");
        awaitScreen(terminal, "Act: 2!"); // the private line is in bob's buffer, not the room
        assertFalse(terminal.screen().contains("hi alice"), terminal.screen());

        terminal.typeLine("bob: hey bob");
        terminal.typeLine("to all");
        await().until(() -> bobSaw.lines.contains("alice -> bob: hey bob"));
        await().until(() -> bobSaw.lines.contains("alice -> all: to all"));
        awaitScreen(terminal, "you -> bob: hey bob"); // where it was typed, and in bob's buffer
        awaitScreen(terminal, "alice: to all");
        terminal.addInput(new com.googlecode.lanterna.input.KeyStroke('2', false, true));
        awaitScreen(terminal, "bob -> you: hi alice");
        awaitScreen(terminal, "you -> bob: hey bob");
    }

    @Test
    void realDownloadsOverBothProtocolsReachOneHundredPercentAndDone() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(7).nextBytes(content);
        java.nio.file.Files.write(files.resolve("big.bin"), content);
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");

        terminal.typeLine("/get big.bin tcp");
        terminal.typeLine("/get notes.txt");
        awaitScreen(terminal, "1 big.bin");
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> countOf(terminal.screen(), " done ") == 2);
        String screen = terminal.screen();
        assertTrue(screen.contains("TCP done"), screen);
        assertTrue(screen.contains("UDP done"), screen);
        assertTrue(screen.contains("100%"), screen);
        assertArrayEquals(content, java.nio.file.Files.readAllBytes(downloads.resolve("big.bin")));
        assertEquals("hello\n", java.nio.file.Files.readString(downloads.resolve("notes.txt")));
        awaitScreen(terminal, "2 done: saved " + downloads.toAbsolutePath().resolve("notes.txt")); // wrapped before its size
    }

    @Test
    void aFailedDownloadSaysWhyInTheChatPaneAndOnItsRow() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");
        terminal.typeLine("/get missing.bin tcp");
        awaitScreen(terminal, "transfer 1 (missing.bin) failed: FILE_NOT_FOUND");
        await().until(() -> terminal.screen().lines().anyMatch(l -> l.startsWith("  1 missing.bin TCP failed: FILE_NOT_FOUND")));
        terminal.typeLine("/get x ftp");
        awaitScreen(terminal, "unknown protocol 'ftp': usage: /get FILE [tcp|udp]");
    }

    private static int countOf(String haystack, String needle) {
        int count = 0;
        for (int at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void theLaunchersNoticeIsTheChatPanesFirstLineAboveTheJoin() throws Exception {
        fixture.tuiWithNotice(terminal, "alice", "started a local chatd on 127.0.0.1:13337");
        awaitScreen(terminal, "connected");
        String screen = terminal.screen();
        int notice = screen.indexOf("* started a local chatd on 127.0.0.1:13337");
        int joined = screen.indexOf("* joined ");
        assertTrue(notice >= 0 && joined > notice, screen);
    }

    @Test
    void daemonErrorsShowInlineAndTheClientGoesOn() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");
        terminal.typeLine("dave: anyone?");
        awaitScreen(terminal, "! UNKNOWN_TARGET:");
        awaitScreen(terminal, "[all] dave: anyone?"); // the line is given back, not lost
        terminal.addInput(new com.googlecode.lanterna.input.KeyStroke('u', true, false)); // Ctrl-U clears
        terminal.typeLine("/nonsense");
        awaitScreen(terminal, "unknown command /nonsense");
    }

    @Test
    void aNamePrefixThatNamesNobodyStaysInTheInputAndEnterSendsItAsPlainText() throws Exception {
        fixture.tui(terminal, "alice");
        Inbox bobSaw = new Inbox();
        fixture.peer("bob", bobSaw);
        awaitScreen(terminal, "Users (2)");
        terminal.typeLine("todo: buy milk");
        awaitScreen(terminal, "! UNKNOWN_TARGET:");
        awaitScreen(terminal, "Enter sends the line as it is to all");
        awaitScreen(terminal, "[all] todo: buy milk");
        terminal.press(KeyType.Enter);
        await().until(() -> bobSaw.lines.contains("alice -> all: todo: buy milk"));
        terminal.typeLine("http://example.com/x works");
        await().until(() -> bobSaw.lines.contains("alice -> all: http://example.com/x works"));
    }

    private void paste(String text) {
        terminal.addInput(new Paste.Mark(true));
        terminal.type(text);
        terminal.addInput(new Paste.Mark(false));
    }

    @Test
    void aMultiLinePasteIsOneDraftThatAsksFirstAndNeverRunsAsCommands() throws Exception {
        var running = fixture.tui(terminal, "alice");
        Inbox bobSaw = new Inbox();
        fixture.peer("bob", bobSaw);
        awaitScreen(terminal, "Users (2)");
        paste("/quit\nbob: not an address\nhello\n");
        awaitScreen(terminal, "(3 pasted lines: Enter sends to all as text, Esc drops them) /quit");
        assertTrue(bobSaw.lines.isEmpty());
        terminal.press(KeyType.Enter);
        await().until(() -> bobSaw.lines.equals(List.of("alice -> all: /quit", "alice -> all: bob: not an address",
                "alice -> all: hello")));
        assertTrue(!running.exit().isDone(), "a pasted /quit must not quit");
        paste("dropped\nalso dropped");
        awaitScreen(terminal, "(2 pasted lines");
        terminal.press(KeyType.Escape);
        awaitScreen(terminal, "2 pasted lines dropped");
    }

    @Test
    void sixtyPastedLinesAllArriveWithoutTrippingTheFloodLimit() throws Exception {
        fixture.tui(terminal, "alice");
        Inbox bobSaw = new Inbox();
        fixture.peer("bob", bobSaw);
        awaitScreen(terminal, "Users (2)");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            text.append("pasted line ").append(i).append('\n');
        }
        paste(text.toString());
        awaitScreen(terminal, "(60 pasted lines");
        terminal.press(KeyType.Enter);
        await().atMost(java.time.Duration.ofSeconds(15)).until(() -> bobSaw.lines.size() == 60);
        assertEquals("alice -> all: pasted line 60", bobSaw.lines.getLast());
        assertTrue(!terminal.screen().contains("RATE_LIMITED"), terminal.screen());
    }

    @Test
    void switchingToAnOfflineUserOrYourselfWarnsAndTheTargetLeavingShowsInTheStatusBar() throws Exception {
        fixture.tui(terminal, "alice");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        terminal.typeLine("/to dave");
        awaitScreen(terminal, "dave is not online: lines to them fail until they join");
        awaitScreen(terminal, "to: dave (offline)");
        terminal.typeLine("/to alice");
        awaitScreen(terminal, "that is you: each line will show twice");
        terminal.typeLine("/to bob");
        awaitScreen(terminal, "to: bob   "); // padded: no "(offline)"
        bob.close();
        awaitScreen(terminal, "your target bob left (quit)");
        awaitScreen(terminal, "to: bob (offline)");
    }

    @Test
    void usersPaneFollowsJoinsAndLeavesWithTheirReason() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "Users (1)");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("all", "hi").get(5, TimeUnit.SECONDS); // a talker: the smart filter shows his join and leave
        awaitScreen(terminal, "--> bob joined");
        bob.close();
        awaitScreen(terminal, "Users (1)");
        awaitScreen(terminal, "<-- bob left (quit)");
    }

    @Test
    void usersPaneTakesFocusAndEnterMakesTheSelectedUserTheTarget() throws Exception {
        fixture.tui(terminal, "alice");
        fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        terminal.press(KeyType.F2);
        awaitScreen(terminal, "users: Up/Down");
        terminal.press(KeyType.ArrowDown); // alice, bob: from alice (no target yet) down to bob
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "to: bob");
        awaitScreen(terminal, "[bob] ");
    }

    @Test
    void hebrewIsShownInVisualOrderAndWideCharactersKeepTheSeparatorAligned() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        bob.send("all", "שלום עולם").get(5, TimeUnit.SECONDS);
        bob.send("all", "你好世界 😀 ok").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "bob: םלוע םולש");
        awaitScreen(terminal, "bob: 你好世界 😀 ok");
        int separator = terminal.row(0).indexOf('│');
        for (int row = 1; row < 20; row++) {
            String text = terminal.row(row);
            int cells = com.googlecode.lanterna.TerminalTextUtils.getColumnWidth(text.substring(0, text.indexOf('│')));
            assertEquals(com.googlecode.lanterna.TerminalTextUtils.getColumnWidth(terminal.row(0).substring(0, separator)),
                    cells, "row " + row + " separator column:\n" + terminal.screen());
        }
    }

    @Test
    void resizingSmallerShowsAMessageAndLargerRestoresTheLayout() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "connected");
        terminal.setTerminalSize(new TerminalSize(50, 12));
        awaitScreen(terminal, "Terminal too small (50x12)");
        terminal.setTerminalSize(new TerminalSize(140, 40));
        awaitScreen(terminal, "Users (1)");
        await().until(() -> terminal.row(38).contains("alice | connected"));
        assertTrue(terminal.row(39).startsWith("[all] "), terminal.screen());
        terminal.setTerminalSize(new TerminalSize(60, 15));
        await().until(() -> terminal.row(13).contains("alice | connected"));
    }

    @Test
    void tabCompletesNamesCommandsAndFilesAndUpRecallsHistory() throws Exception {
        fixture.tui(terminal, "alice");
        fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        terminal.type("/t");
        terminal.press(KeyType.Tab);
        terminal.type("b");
        terminal.press(KeyType.Tab);
        awaitScreen(terminal, "[all] /to bob");
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "to: bob");
        terminal.type("/get no");
        terminal.press(KeyType.Tab);
        awaitScreen(terminal, "[bob] /get notes.txt");
        terminal.addInput(new com.googlecode.lanterna.input.KeyStroke('u', true, false)); // Ctrl-U clears
        terminal.press(KeyType.ArrowUp);
        awaitScreen(terminal, "[bob] /to bob");
    }

    @Test
    void aTakenNameLetsTheUserTryAnotherInTheJoinDialog() throws Exception {
        fixture.peer("bob", ChatListener.NONE);
        fixture.tui(terminal, null, "bob", c -> c);
        awaitScreen(terminal, "Your name:");
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "that name is taken");
        terminal.press(KeyType.Backspace);
        terminal.press(KeyType.Backspace);
        terminal.press(KeyType.Backspace);
        terminal.typeLine("carol");
        awaitScreen(terminal, "carol | connected");
        awaitScreen(terminal, "Users (2)");
    }

    @Test
    void anUnreachableDaemonIsReportedAndEscLeavesWithZeroBecauseTheUserChoseTo() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        var running = fixture.tui(terminal, "alice", "alice",
                c -> new ClientConnector(dev.chat.client.ClientOptions.of("127.0.0.1", closedPort, "alice")));
        awaitScreen(terminal, "cannot reach");
        awaitScreen(terminal, "Enter to retry");
        terminal.press(KeyType.Escape);
        assertEquals(0, running.exit().get(5, TimeUnit.SECONDS));
    }
}
