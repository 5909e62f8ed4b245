package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Ctrl-C and Ctrl-D as irssi users expect, and a sent line brings the view back down (issue 15 defect 14). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuitAndScrollKeysTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 20);
    private FullScreenClient.Running running;

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
        running = fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private void ctrl(char c) {
        terminal.addInput(new KeyStroke(c, true, false));
    }

    @Test
    void ctrlCWithADraftAsksFirstAndASecondCtrlCQuits() throws Exception {
        terminal.type("half a thought");
        ctrl('c');
        awaitScreen(terminal, "Ctrl-C again quits and drops what you typed");
        assertFalse(running.exit().isDone());
        ctrl('c');
        assertEquals(0, running.exit().get(5, TimeUnit.SECONDS));
    }

    @Test
    void anyKeyBetweenTwoCtrlCsDisarmsTheQuit() throws Exception {
        terminal.type("draft");
        ctrl('c');
        awaitScreen(terminal, "Ctrl-C again quits");
        terminal.type("!");
        ctrl('c');
        awaitScreen(terminal, "[all] draft!");
        await().pollDelay(java.time.Duration.ofMillis(300)).until(() -> true);
        assertFalse(running.exit().isDone());
    }

    @Test
    void ctrlCOnAnEmptyLineQuitsAtOnce() throws Exception {
        ctrl('c');
        assertEquals(0, running.exit().get(5, TimeUnit.SECONDS));
    }

    @Test
    void ctrlDDeletesUnderTheCursorAndOnAnEmptyLineLeaves() throws Exception {
        terminal.type("abc");
        terminal.press(KeyType.Home);
        ctrl('d');
        awaitScreen(terminal, "[all] bc");
        ctrl('a');
        ctrl('u');
        ctrl('d');
        assertEquals(0, running.exit().get(5, TimeUnit.SECONDS));
    }

    @Test
    void aMessageOverTheLimitShowsItsLengthBeforeEnterAndGoesAsSeveralMessages() throws Exception {
        java.util.List<String> bobSaw = new java.util.concurrent.CopyOnWriteArrayList<>();
        fixture.peer("bob", new dev.chat.client.ChatListener() {
            @Override
            public void onMessage(dev.chat.wire.frame.Message m) {
                bobSaw.add(m.text());
            }
        });
        awaitScreen(terminal, "Users (2)");
        String text = "long ".repeat(1_000);
        terminal.type("bob: " + text);
        awaitScreen(terminal, "5000/4096 bytes: Enter sends 2 messages");
        terminal.press(KeyType.Enter);
        await().until(() -> bobSaw.size() == 2);
        assertEquals(text.stripTrailing(), String.join("", bobSaw).stripTrailing());
    }

    /** What line mode's JLine reader keeps in {@code file}: the same builder options that matter here. */
    private static org.jline.reader.History lineModeHistory(Path file) throws Exception {
        org.jline.terminal.Terminal none = new org.jline.terminal.impl.DumbTerminal("test", "dumb",
                java.io.InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(),
                java.nio.charset.StandardCharsets.UTF_8);
        org.jline.reader.LineReader reader = org.jline.reader.LineReaderBuilder.builder().terminal(none)
                .variable(org.jline.reader.LineReader.HISTORY_FILE, file).build();
        reader.getHistory().attach(reader); // as readLine would
        return reader.getHistory();
    }

    @Test
    void theInputHistoryIsTheFileLineModeKeepsBothWays() throws Exception {
        Path file = downloads.resolve("state/chat/history");
        java.nio.file.Files.createDirectories(file.getParent());
        lineModeHistory(file).add("bob: typed in line mode \\ with a backslash");
        HeadlessTerminal second = new HeadlessTerminal(100, 20);
        fixture.tuiWithHistory(second, "carol", file);
        awaitScreen(second, "carol | connected");
        second.press(KeyType.ArrowUp);
        awaitScreen(second, "[all] bob: typed in line mode \\ with a backslash");
        second.press(KeyType.Escape);
        ctrlOn(second, 'u');
        second.typeLine("all: typed in the full-screen client");
        awaitScreen(second, "carol: typed in the full-screen client");
        await().until(() -> lineModeHistory(file).size() == 2);
        java.util.List<String> lines = new java.util.ArrayList<>();
        lineModeHistory(file).forEach(entry -> lines.add(entry.line()));
        assertEquals(java.util.List.of("bob: typed in line mode \\ with a backslash",
                "all: typed in the full-screen client"), lines);
    }

    private static void ctrlOn(HeadlessTerminal terminal, char c) {
        terminal.addInput(new KeyStroke(c, true, false));
    }

    @Test
    void altBCtrlKAndCtrlYEditTheInputLineAsInReadline() throws Exception {
        terminal.type("hello big world");
        terminal.addInput(new KeyStroke('b', false, true));
        ctrl('k');
        awaitScreen(terminal, "[all] hello big  ");
        ctrl('a');
        ctrl('y');
        awaitScreen(terminal, "[all] worldhello big");
    }

    @Test
    void ctrlRFindsTheNewestHistoryLineWithTheTextAndAgainAnOlderOne() throws Exception {
        terminal.typeLine("all: lunch at noon");
        terminal.typeLine("all: build is green");
        terminal.typeLine("all: lunch moved to one");
        awaitScreen(terminal, "alice: lunch moved to one");
        ctrl('r');
        terminal.type("lunch");
        awaitScreen(terminal, "(search 'lunch'): all: lunch moved to one");
        ctrl('r');
        awaitScreen(terminal, "(search 'lunch'): all: lunch at noon");
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "[all] all: lunch at noon");
        ctrl('u');
        ctrl('r');
        terminal.type("nothing like it");
        awaitScreen(terminal, "(no match)");
        terminal.press(KeyType.Escape);
        await().until(() -> !terminal.screen().contains("(search"));
    }

    @Test
    void sendingWhileScrolledUpReturnsToTheBottom() throws Exception {
        terminal.typeLine("/help");
        terminal.typeLine("/help");
        awaitScreen(terminal, "keys: Tab complete");
        terminal.press(KeyType.PageUp);
        awaitScreen(terminal, "scrolled up");
        terminal.typeLine("all: back to the bottom");
        awaitScreen(terminal, "alice: back to the bottom");
        assertFalse(terminal.screen().contains("scrolled up"), terminal.screen());
    }
}
