package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Emoji, flags, CJK and marks on a virtual terminal that measures widths its own way (Lanterna's:
 * every multi-char string is 2 cells, {@code ⚡} is 1), as real terminals disagree with each other:
 * drawing one line changes no cell outside its row, text after a cluster sits at the column the
 * width model says, later plain lines read exactly as sent, and nothing prints as {@code ?}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WideTextScreenTest {
    private static final int SEPARATOR = 79; // 100 columns: chat pane 0..78, '│', users pane
    private static final List<String> CLUSTERS = List.of(
            "👨‍👩‍👧", // ZWJ family
            "🇮🇱", // flag
            "👍🏽", // skin tone
            "❤️ ☺️", // variation selector 16
            "中文", // CJK
            "x\u0301\u0323 e\u0301", // combining marks (NFC composes the second)
            "say שָׁלוֹם", // Hebrew with points, in a left-to-right line
            "a\u200Bb", // zero-width space
            "⚡✅", // single-code-point emoji that older tables call narrow
            "😀🙂", // outside the BMP
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F"); // subdivision flag

    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private static final int STATUS_ROW = 28;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 30);
    private ChatClient bob;

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        bob = fixture.peer("bob", new ChatListener() { });
        awaitScreen(terminal, "Users (2)");
        terminal.typeLine("/query bob"); // bob's private lines show in his buffer
        awaitScreen(terminal, "| 2:bob |");
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void drawingALineOfWideClustersChangesOnlyItsRowAndKeepsEveryColumnAfterIt() throws Exception {
        send("plain line 1");
        for (int i = 0; i < CLUSTERS.size(); i++) {
            String tail = "tail-" + i;
            String body = i + " " + CLUSTERS.get(i) + " " + tail;
            String[][] before = stable(i == 0 ? "plain line 1" : "tail-" + (i - 1));
            send(body);
            String[][] after = stable(tail);
            int row = rowWith(after, tail);
            assertEquals(List.of(), changedCells(before, after, row), "cells changed by '" + body + "':\n" + dump(after));
            int bodyColumn = String.join("", after[row]).indexOf("you: ") + "you: ".length();
            int expected = bodyColumn + Cells.width(Cells.clean(i + " " + CLUSTERS.get(i) + " "));
            assertEquals(tail, String.join("", Arrays.asList(after[row]).subList(expected, expected + tail.length())),
                    "'" + tail + "' at the model's column on:\n" + dump(after));
            String shown = String.join("", after[row]);
            assertFalse(shown.contains("?") || shown.contains("\uFFFD"), "nothing shown as ? on: " + shown);
        }
        send("plain line 10");
        String[][] screen = stable("plain line 10");
        String last = terminal.row(rowWith(screen, "plain line 10"));
        assertTrue(last.matches("\\[\\d\\d:\\d\\d:\\d\\d] .*"), last);
        assertEquals(String.format("%-68s│", "bob -> you: plain line 10"), last.substring(11, SEPARATOR + 1));
        for (int row = 0; row < 26; row++) {
            assertEquals("│", screen[row][SEPARATOR], "separator on row " + row + ":\n" + dump(screen));
        }
    }

    @Test
    void typingAndErasingEmojiLeavesNoDebrisOnTheInputLine() {
        String before = terminal.row(29);
        terminal.type("👍🏽 中文 🇮🇱 ⚡ x\u0301");
        awaitScreen(terminal, "中文");
        for (int i = 0; i < 12; i++) { // ten graphemes, and two more on an empty line
            terminal.press(KeyType.Backspace);
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> terminal.row(29).equals(before));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("input row '" + terminal.row(29) + "', was '" + before + "'", e);
        }
    }

    @Test
    void ctrlLRepaintsCellsTheTerminalLostWhileTheModelThoughtThemUnchanged() throws Exception {
        send("plain line 1 👍🏽 🇮🇱");
        awaitScreen(terminal, "plain line 1"); // no bell or count: the /query was typed just now
        terminal.press(KeyType.ArrowLeft); // the user looks: the count goes, and Ctrl-L below changes nothing else
        await().until(() -> !terminal.screen().contains("new for you"));
        String[][] drawn = stable("plain line 1");
        synchronized (terminal) { // something else wrote to the terminal behind the client's back
            terminal.setCursorPosition(0, 0);
            terminal.putString("garbage garbage garbage");
            terminal.setCursorPosition(SEPARATOR, 5);
            terminal.putString("##");
        }
        terminal.addInput(new KeyStroke('l', true, false));
        await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.deepEquals(terminal.cells(), drawn));
    }

    private void send(String text) throws Exception {
        bob.send("alice", text).get(5, TimeUnit.SECONDS);
    }

    /** The screen once two reads 50 ms apart agree and show {@code text}. */
    private String[][] stable(String text) {
        AtomicReference<String[][]> last = new AtomicReference<>(new String[0][]);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String[][] now = terminal.cells();
            boolean same = Arrays.deepEquals(now, last.getAndSet(now));
            return same && rowWith(now, text) >= 0;
        });
        return last.get();
    }

    private static int rowWith(String[][] cells, String text) {
        for (int row = 0; row < cells.length; row++) {
            if (String.join("", cells[row]).contains(text)) {
                return row;
            }
        }
        return -1;
    }

    /**
     * Cells that changed other than on {@code drawn}, the new last line of the chat pane: the pane
     * above it scrolls up by one row, everything else (separator, users pane, bars) stays, but for
     * the status bar's count of messages for you ({@code 2 new for you}), which each one raises.
     */
    private static List<String> changedCells(String[][] before, String[][] after, int drawn) {
        List<String> changed = new ArrayList<>();
        for (int row = 0; row < after.length; row++) {
            if (row == STATUS_ROW) {
                String was = withoutAlertCount(before[row]);
                if (!was.equals(withoutAlertCount(after[row]))) {
                    changed.add("status bar '" + was + "' -> '" + withoutAlertCount(after[row]) + "'");
                }
                continue;
            }
            for (int col = 0; col < after[row].length; col++) {
                boolean chatPane = row <= drawn && col < SEPARATOR;
                if (chatPane && row == drawn) {
                    continue;
                }
                String was = chatPane ? before[row + 1][col] : before[row][col];
                if (!was.equals(after[row][col])) {
                    changed.add(row + ":" + col + " '" + was + "' -> '" + after[row][col] + "'");
                }
            }
        }
        return changed;
    }

    /** The status row with its count of messages for you, which each message raises, as "N". */
    private static String withoutAlertCount(String[] row) {
        return String.join("", row).replaceAll("\\d+ new for you", "N new for you").stripTrailing();
    }

    private static String dump(String[][] cells) {
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            out.append(String.join("", row)).append('\n');
        }
        return out.toString();
    }
}
