package dev.chat.client.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
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
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user's choices on a virtual terminal: the bell and the join filter from the settings (and
 * /bell), a log file per conversation in --log-dir, and the mouse wheel scrolling the chat pane.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreferencesScreenTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;
    @TempDir
    Path logs;

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

    @Test
    void withTheBellOffAPrivateMessageIsCountedButSilentUntilBellOn() throws Exception {
        fixture.tuiWithPrefs(terminal, "alice", new Preferences(null, false, true, true));
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("alice", "quietly").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "Act: 2!");
        assertEquals(0, terminal.bells.get());
        terminal.typeLine("/bell on");
        awaitScreen(terminal, "the bell rings for private messages");
        // A key was just pressed (the user is looking): wait out the quiet time with a fresh message later.
        await().pollDelay(java.time.Duration.ofMillis(Arrivals.LOOKING.toMillis() + 200))
                .atMost(java.time.Duration.ofSeconds(15)).until(() -> true);
        bob.send("alice", "now it rings").get(5, TimeUnit.SECONDS);
        await().until(() -> terminal.bells.get() == 1);
    }

    @Test
    void theJoinFilterAllShowsASilentJoinerFromTheStart() throws Exception {
        fixture.tuiWithPrefs(terminal, "alice", new Preferences(null, true, false, true));
        awaitScreen(terminal, "alice | connected");
        fixture.peer("carol", ChatListener.NONE);
        awaitScreen(terminal, "--> carol joined");
    }

    @Test
    void eachConversationIsAppendedToItsOwnLogFileWithSafeNames() throws Exception {
        fixture.tuiWithPrefs(terminal, "alice", new Preferences(logs, true, true, true));
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("Bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("all", "hello room").get(5, TimeUnit.SECONDS);
        bob.send("alice", "psst \u202Eevil").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "Act: 2!");
        terminal.typeLine("Bob: back to you");
        Path room = logs.resolve("room.log");
        Path privateLog = logs.resolve("private-bob.log");
        await().until(() -> Files.exists(privateLog) && Files.readString(privateLog).contains("back to you"));
        await().until(() -> Files.exists(room) && Files.readString(room).contains("hello room"));
        String room1 = Files.readString(room);
        assertTrue(room1.lines().anyMatch(l -> l.matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] Bob: hello room")), room1);
        assertTrue(room1.contains("] --> Bob joined\n"), "joins and leaves too, whatever the filter: " + room1);
        assertFalse(room1.contains("psst"), "a private line is not in the room's log: " + room1);
        String bobLog = Files.readString(privateLog);
        assertTrue(bobLog.contains("] Bob -> you: psst"), bobLog);
        assertFalse(bobLog.contains("\u202E"), "no bidi override a peer sent reaches the log: " + bobLog);
        assertTrue(bobLog.contains("] you -> Bob: back to you"), bobLog);
    }

    @Test
    void theHistoryShownOnJoiningIsNotLoggedAgain() throws Exception {
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        bob.send("all", "said before alice came").get(5, TimeUnit.SECONDS);
        fixture.tuiWithPrefs(terminal, "alice", new Preferences(logs, true, true, true));
        awaitScreen(terminal, "said before alice came"); // the join's history, above "— live —"
        bob.send("all", "said live").get(5, TimeUnit.SECONDS);
        Path room = logs.resolve("room.log");
        await().until(() -> Files.exists(room) && Files.readString(room).contains("said live"));
        assertFalse(Files.readString(room).contains("said before alice came"), Files.readString(room));
    }

    @Test
    void aLogFileNameNeverLeavesTheFolderNorHidesNorHoldsControls() {
        assertEquals("room.log", ChatLogs.fileName(null));
        assertEquals("private-bob.log", ChatLogs.fileName("BOB"));
        assertEquals("private-___.log", ChatLogs.fileName("../"));
        assertEquals("private-a_b.log", ChatLogs.fileName("a.b"));
        assertEquals("private-a_b.log", ChatLogs.fileName("a\u0007b"));
        assertEquals("private-דני.log", ChatLogs.fileName("דני"));
        assertEquals(8 + 64 + 4, ChatLogs.fileName("x".repeat(200)).length());
    }

    @Test
    void theMouseWheelScrollsTheChatPaneAndBack() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        for (int i = 0; i < 30; i++) {
            bob.send("all", "line " + i).get(5, TimeUnit.SECONDS);
        }
        awaitScreen(terminal, "bob: line 29");
        terminal.addInput(new MouseAction(MouseActionType.SCROLL_UP, 4, new TerminalPosition(10, 5)));
        awaitScreen(terminal, "scrolled up");
        assertFalse(terminal.screen().contains("bob: line 29"), terminal.screen());
        terminal.addInput(new MouseAction(MouseActionType.SCROLL_DOWN, 5, new TerminalPosition(10, 5)));
        awaitScreen(terminal, "bob: line 29");
        assertFalse(terminal.screen().contains("scrolled up"), terminal.screen());
    }
}
