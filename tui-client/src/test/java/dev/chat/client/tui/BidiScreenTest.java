package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Right-to-left names, file names and text inside the client's left-to-right rows (issue 15 defect
 * 6): each user-supplied run is reordered on its own, so the timestamp, the arrows, "joined" and the
 * columns stay where they are. The terminal shows cells left to right as written (tmux and Lanterna's
 * virtual terminal do no bidi), so the expected rows below are in visual order: "דני" reads "ינד".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BidiScreenTest {
    private static final String DANI = "דני";
    private static final String DANI_SHOWN = "ינד";
    private static final String RON = "רון";
    private static final String RON_SHOWN = "ןור";

    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 24);

    @BeforeEach
    void start() throws Exception {
        Files.writeString(files.resolve("שלום.txt"), "shalom\n");
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aHebrewNickKeepsTheJoinTemplateTheMessagePrefixAndTheUsersPaneInOrder() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        terminal.typeLine("/joins all");
        ChatClient dani = fixture.peer(DANI, ChatListener.NONE);
        awaitScreen(terminal, "--> " + DANI_SHOWN + " joined");
        assertFalse(terminal.screen().contains("joined " + DANI_SHOWN), terminal.screen());

        dani.send("all", "hello from tel aviv").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "] " + DANI_SHOWN + ": hello from tel aviv");
        terminal.typeLine("/query " + DANI); // his private lines show in his buffer
        awaitScreen(terminal, "| 2:" + DANI_SHOWN + " |");
        dani.send("alice", "שלום עולם").get(5, TimeUnit.SECONDS);
        // The text is a right-to-left paragraph of its own, after the left-to-right prefix.
        awaitScreen(terminal, "] " + DANI_SHOWN + " -> you: " + "םלוע םולש");
        String pane = usersColumn();
        assertTrue(pane.contains(DANI_SHOWN), pane);
        dani.close();
        awaitScreen(terminal, "<-- " + DANI_SHOWN + " left (");
    }

    @Test
    void twoHebrewNamesInOneListNeverSwapPlaces() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        fixture.peer(DANI, ChatListener.NONE);
        fixture.peer(RON, ChatListener.NONE);
        awaitScreen(terminal, "Users (3)");
        terminal.typeLine("/users");
        // Unisolated, "דני, רון" is one right-to-left run and shows as "ןור ,ינד": Ron first.
        awaitScreen(terminal, "users (3): alice, " + DANI_SHOWN + ", " + RON_SHOWN);
        terminal.typeLine("/to " + RON);
        awaitScreen(terminal, "* now talking to " + RON_SHOWN);
        assertTrue(terminal.row(23).startsWith("[" + RON_SHOWN + "] "), terminal.row(23));
        assertTrue(terminal.row(22).contains("| to: " + RON_SHOWN), terminal.row(22));
    }

    @Test
    void aHebrewFileNameIsShownInReadingOrderInThePickerColumn() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        terminal.press(KeyType.F3);
        awaitScreen(terminal, "Files (1)");
        String row = terminal.screen().lines().filter(l -> l.contains("txt")).findFirst().orElseThrow();
        assertTrue(row.contains("txt.םולש "), row); // ".txt" stays at the name's logical end: its visual left
    }

    @Test
    void aTransferRowKeepsItsColumnsAroundAHebrewFileName() {
        TransferRow row = TransferRow.started(3, "שלום.txt", dev.chat.client.TransferProtocol.TCP);
        String rendered = row.render(90);
        assertTrue(rendered.startsWith("  3 txt.םולש"), rendered);
        assertTrue(rendered.contains(" TCP connecting"), rendered);
        assertEquals(90, Cells.width(rendered));
    }

    /** The users pane's cells (right of the separator), row by row. */
    private String usersColumn() {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < 20; r++) {
            String line = terminal.row(r);
            int bar = line.indexOf('│');
            out.append(bar < 0 ? "" : line.substring(bar + 1)).append('\n');
        }
        return out.toString();
    }
}
