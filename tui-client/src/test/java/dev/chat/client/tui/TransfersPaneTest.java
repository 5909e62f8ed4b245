package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.DownloadResult;
import dev.chat.client.FakeDownload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transfers pane on a virtual terminal: no rows when empty, marks and Ctrl-Up/Down for rows out
 * of view, F4 to hide it, /clear transfers, and finished rows that hide by themselves (issue 15
 * defect 8).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransfersPaneTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(120, 30);
    private final FakeDownloads fakes = new FakeDownloads(null);

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 7; i++) {
            Files.writeString(files.resolve("f" + i + ".txt"), "file " + i + "\n");
        }
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private void getAll() {
        for (int i = 1; i <= 7; i++) {
            terminal.typeLine("/get f" + i + ".txt tcp");
        }
        await().until(() -> fakes.started.size() == 7);
        awaitScreen(terminal, "Transfers (7, 7 running)");
    }

    private static boolean rowShown(String screen, int id) {
        return screen.lines().anyMatch(l -> l.startsWith("  " + id + " f" + id + ".txt"));
    }

    private void ctrl(KeyType arrow) {
        terminal.addInput(new KeyStroke(arrow, true, false));
    }

    @Test
    void withoutTransfersThePaneTakesNoRowsAtAll() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        String screen = terminal.screen();
        assertFalse(screen.contains("Transfers") || screen.contains("no transfers"), screen);
        assertTrue(terminal.row(27).contains("│"), "the users pane reaches the status bar:\n" + screen);
    }

    @Test
    void rowsOutOfViewAreMarkedAndCtrlUpAndDownScrollToThem() throws Exception {
        fixture.tui(terminal, "alice", "alice", real -> fakes.wrapping(real));
        awaitScreen(terminal, "alice | connected");
        getAll();
        awaitScreen(terminal, "▲ 2 more");
        assertFalse(rowShown(terminal.screen(), 2), terminal.screen());
        assertTrue(rowShown(terminal.screen(), 7), terminal.screen());
        ctrl(KeyType.ArrowUp);
        ctrl(KeyType.ArrowUp);
        awaitScreen(terminal, "▼ 2 more");
        assertTrue(rowShown(terminal.screen(), 1) && !rowShown(terminal.screen(), 7), terminal.screen());
        ctrl(KeyType.ArrowDown);
        awaitScreen(terminal, "▲ 1 more ▼ 1 more");
    }

    @Test
    void f4HidesThePaneDownToItsTitleAndBringsItBack() throws Exception {
        fixture.tui(terminal, "alice", "alice", real -> fakes.wrapping(real));
        awaitScreen(terminal, "alice | connected");
        getAll();
        terminal.press(KeyType.F4);
        awaitScreen(terminal, "hidden (F4 shows)");
        assertFalse(rowShown(terminal.screen(), 7), terminal.screen());
        terminal.press(KeyType.F4);
        await().until(() -> rowShown(terminal.screen(), 7));
    }

    @Test
    void slashClearTransfersDropsTheFinishedRowsAndKeepsTheRunningOnes() throws Exception {
        fixture.tui(terminal, "alice", "alice", real -> fakes.wrapping(real));
        awaitScreen(terminal, "alice | connected");
        getAll();
        FakeDownload first = fakes.started.get("f7.txt/TCP");
        first.result().complete(new DownloadResult(downloads.resolve("f7.txt"), 7, "00"));
        awaitScreen(terminal, "Transfers (7, 6 running)");
        terminal.typeLine("/clear transfers");
        awaitScreen(terminal, "1 finished transfer row(s) cleared");
        awaitScreen(terminal, "Transfers (6, 6 running)");
        assertFalse(rowShown(terminal.screen(), 7), terminal.screen());
    }

    @Test
    void aFinishedRowHidesByItselfAfterAWhile() throws Exception {
        fixture.tuiWithLinger(terminal, "alice", Duration.ofMillis(500), real -> fakes.wrapping(real));
        awaitScreen(terminal, "alice | connected");
        terminal.typeLine("/get f1.txt tcp");
        await().until(() -> fakes.started.size() == 1);
        fakes.started.get("f1.txt/TCP").result().complete(new DownloadResult(downloads.resolve("f1.txt"), 7, "00"));
        awaitScreen(terminal, " done ");
        await().atMost(Duration.ofSeconds(5)).until(() -> !terminal.screen().contains("Transfers ("));
        awaitScreen(terminal, "transfer 1 done: saved"); // the chat pane still says where it went
    }
}
