package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyStroke;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conversations as buffers, as irssi's windows: the room is buffer 1, a private message opens the
 * peer's buffer, an activity list says where unread lines are, Alt-N / Alt-arrows / Ctrl-N/P switch,
 * /query opens, /close closes, a marker line shows what is new since you left; and /search.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BuffersScreenTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 24);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private void alt(char c) {
        terminal.addInput(new KeyStroke(c, false, true));
    }

    private void alt(KeyType arrow) {
        terminal.addInput(new KeyStroke(arrow, false, true));
    }

    private String status() {
        return terminal.row(22);
    }

    @Test
    void aPrivateMessageOpensItsOwnBufferMarkedInTheActivityListAndAltTwoShowsIt() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("alice", "psst, just you").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "Act: 2!");
        assertFalse(terminal.screen().contains("psst"), "the room does not show a private line:\n" + terminal.screen());
        assertTrue(status().contains("| 1:all |"), status());

        alt('2');
        awaitScreen(terminal, "bob -> you: psst, just you");
        assertTrue(status().contains("| 2:bob |") && !status().contains("Act:"), status());
        assertTrue(terminal.row(23).startsWith("[bob] "), terminal.row(23));
        bob.send("all", "room talk").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "Act: 1");
        assertFalse(status().contains("Act: 1!"), "a broadcast without your name is not for you: " + status());

        alt(KeyType.ArrowLeft);
        awaitScreen(terminal, "bob: room talk");
        terminal.addInput(new KeyStroke('n', true, false)); // Ctrl-N: the next buffer, bob's again
        awaitScreen(terminal, "| 2:bob |");
    }

    @Test
    void textTypedInAPrivateBufferGoesToThatPeerWithoutAPrefix() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        List<String> bobSaw = new CopyOnWriteArrayList<>();
        fixture.peer("bob", new ChatListener() {
            @Override
            public void onMessage(Message m) {
                bobSaw.add(m.to() + ": " + m.text());
            }
        });
        awaitScreen(terminal, "Users (2)");
        terminal.typeLine("/query bob");
        awaitScreen(terminal, "private conversation with bob (buffer 2)");
        terminal.typeLine("only for bob");
        await().until(() -> bobSaw.contains("bob: only for bob"));
        awaitScreen(terminal, "you -> bob: only for bob");

        terminal.typeLine("/close");
        awaitScreen(terminal, "closed the conversation with bob");
        assertTrue(status().contains("| 1:all |"), status());
        terminal.typeLine("now to the room");
        await().until(() -> bobSaw.contains("all: now to the room"));
        terminal.typeLine("/close");
        awaitScreen(terminal, "the room (buffer 1) is never closed");
    }

    @Test
    void toNameShowsThatPeersBufferAndToAllTheRoom() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        terminal.typeLine("/to bob");
        awaitScreen(terminal, "| 2:bob | to: bob");
        terminal.typeLine("/to all");
        awaitScreen(terminal, "| 1:all | to: all");
        terminal.addInput(new KeyStroke(KeyType.F2));
        terminal.addInput(new KeyStroke(KeyType.ArrowDown));
        terminal.addInput(new KeyStroke(KeyType.Enter)); // the users pane: Enter on bob
        awaitScreen(terminal, "| 2:bob | to: bob");
    }

    @Test
    void aBufferYouComeBackToMarksWhereTheNewLinesStart() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("all", "seen before leaving").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "bob: seen before leaving");
        terminal.typeLine("/query bob");
        awaitScreen(terminal, "| 2:bob |");
        bob.send("all", "arrived while away").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "Act: 1");
        alt('1');
        awaitScreen(terminal, "arrived while away");
        String[] rows = terminal.screen().split("\n");
        int marker = indexOf(rows, ChatPainter.MARKER);
        assertTrue(marker > indexOf(rows, "seen before leaving") && marker < indexOf(rows, "arrived while away"),
                terminal.screen());
    }

    @Test
    void searchFindsTheNewestMatchHighlightsItAndAltUpGoesToOlderOnes() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("all", "the deploy key is blue").get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 30; i++) {
            bob.send("all", "filler " + i).get(5, TimeUnit.SECONDS);
        }
        bob.send("all", "another Deploy today").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "filler 29");
        terminal.typeLine("/search deploy");
        awaitScreen(terminal, "search 2/2");
        int row = rowOf("another Deploy today");
        int col = terminal.row(row).indexOf("another");
        assertTrue(terminal.getCharacter(col, row).getModifiers().contains(com.googlecode.lanterna.SGR.REVERSE),
                terminal.screen());

        alt(KeyType.ArrowUp);
        awaitScreen(terminal, "search 1/2");
        awaitScreen(terminal, "the deploy key is blue"); // scrolled back 30 lines to it
        alt(KeyType.ArrowUp);
        awaitScreen(terminal, "no older match");
        terminal.press(KeyType.Escape);
        await().until(() -> !status().contains("search"));
        awaitScreen(terminal, "filler 29");
    }

    @Test
    void theActivityListCountsOnlyBuffersWithUnreadLines() {
        Buffers buffers = new Buffers(100);
        Buffers.Buffer bob = buffers.open("bob");
        Buffers.Buffer carol = buffers.open("Carol");
        assertEquals(carol, buffers.open("carol"), "one buffer per peer, whatever the case");
        assertEquals("", buffers.activity());
        bob.lines.append(ChatLine.info(0, "x"));
        buffers.arrived(bob, false);
        carol.lines.append(ChatLine.info(0, "y"));
        buffers.arrived(carol, true);
        assertEquals("2,3!", buffers.activity());
        buffers.show(3);
        assertEquals("2", buffers.activity());
        assertEquals(buffers.room(), buffers.open("all"));
    }

    private int rowOf(String text) {
        return indexOf(terminal.screen().split("\n"), text);
    }

    private static int indexOf(String[] rows, String text) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
