package dev.chat.client.tui;

import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Your nick highlighted, and a bell and a count for private messages and mentions while you are away. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MentionsTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 20);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aMentionIsAWordInAnyCaseNotAPartOfOne() {
        assertTrue(Alerts.mentions("hey Alice, look", "alice"));
        assertTrue(Alerts.mentions("@ALICE", "alice"));
        assertTrue(Alerts.mentions("alice", "alice"));
        assertFalse(Alerts.mentions("malice aforethought", "alice"));
        assertFalse(Alerts.mentions("alice2 is here", "alice"));
        assertFalse(Alerts.mentions("anything", ""));
    }

    @Test
    void aPrivateMessageOrAMentionRingsAndCountsUntilAKeyAndTheMentionIsHighlighted() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        ChatClient bob = fixture.peer("bob", ChatListener.NONE);
        awaitScreen(terminal, "Users (2)");
        bob.send("all", "nothing for anyone in particular").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "bob: nothing for anyone");
        assertEquals(0, terminal.bells.get());

        bob.send("alice", "are you there?").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "1 new for you");
        assertEquals(1, terminal.bells.get());
        bob.send("all", "hey Alice, look").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "2 new for you");
        assertEquals(2, terminal.bells.get());

        String screen = terminal.screen();
        int row = (int) screen.lines().takeWhile(l -> !l.contains("hey Alice, look")).count();
        int col = terminal.row(row).indexOf("hey Alice");
        assertEquals(TextColor.ANSI.YELLOW_BRIGHT, terminal.getCharacter(col, row).getForegroundColor(), screen);

        terminal.press(KeyType.ArrowLeft); // back at the keyboard
        await().until(() -> !terminal.screen().contains("new for you"));
        terminal.addInput(new com.googlecode.lanterna.input.KeyStroke('2', false, true)); // Alt-2: bob's buffer
        awaitScreen(terminal, "| 2:bob |");
        bob.send("alice", "there you are").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "bob -> you: there you are");
        assertEquals(2, terminal.bells.get(), "no bell for someone who is typing");
    }
}
