package dev.chat.client.tui;

import com.googlecode.lanterna.TextColor;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.wire.frame.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /me} and {@code /away} on two full-screen clients and a real daemon: an action shows as
 * {@code * alice waves} on both sides (a private one in the peer's buffer), an away user is marked in
 * the users pane and said in the chat, and your own away state is in the status bar.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwayAndActionScreenTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal alice = new HeadlessTerminal(100, 24);
    private final HeadlessTerminal bob = new HeadlessTerminal(100, 24);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void slashMeShowsAsAStarLineOnBothScreensAndInAPrivateBufferGoesToThePeerAlone() throws Exception {
        fixture.tui(alice, "alice");
        awaitScreen(alice, "alice | connected");
        fixture.tui(bob, "bob");
        awaitScreen(bob, "bob | connected");
        awaitScreen(alice, "Users (2)");

        alice.typeLine("/me waves");
        awaitScreen(bob, "* alice waves");
        awaitScreen(alice, "* alice waves");
        bob.typeLine("/me pokes alice");
        awaitScreen(alice, "* bob pokes alice");
        // as in a message: the nick in its colour, a mention highlighted
        int row = (int) alice.screen().lines().takeWhile(l -> !l.contains("* bob pokes alice")).count();
        int nick = alice.row(row).indexOf("* bob") + 2;
        assertEquals(Canvas.Style.nick("bob").fg(), alice.getCharacter(nick, row).getForegroundColor());
        assertEquals(TextColor.ANSI.YELLOW_BRIGHT,
                alice.getCharacter(alice.row(row).indexOf("pokes alice"), row).getForegroundColor(), alice.screen());

        List<Message> carolGot = new CopyOnWriteArrayList<>();
        fixture.peer("carol", new ChatListener() {
            @Override
            public void onMessage(Message message) {
                carolGot.add(message);
            }
        });
        awaitScreen(alice, "Users (3)");
        alice.typeLine("/query carol");
        awaitScreen(alice, "2:carol");
        alice.typeLine("/me nods at you");
        await().atMost(Duration.ofSeconds(10)).until(() -> carolGot.stream()
                .anyMatch(m -> m.isAction() && !m.isBroadcast() && m.text().equals("nods at you")));
        awaitScreen(alice, "* alice nods at you");
        assertFalse(bob.screen().contains("nods at you"), "a private action is the peer's alone:\n" + bob.screen());

        alice.typeLine("/me");
        awaitScreen(alice, "usage: /me TEXT");
    }

    @Test
    void slashAwayMarksTheUserInThePeersPaneAndChatAndInTheOwnStatusBarUntilSlashAwayAlone() throws Exception {
        fixture.tui(alice, "alice");
        awaitScreen(alice, "alice | connected");
        fixture.tui(bob, "bob");
        awaitScreen(bob, "bob | connected");
        awaitScreen(alice, "Users (2)");

        bob.typeLine("/away lunch");
        awaitScreen(alice, "bob is away: lunch");
        awaitScreen(alice, "bob (away)");
        awaitScreen(bob, "bob (away: lunch) |");
        awaitScreen(bob, "you are away: lunch");

        bob.typeLine("/away");
        awaitScreen(alice, "bob is back");
        await().atMost(Duration.ofSeconds(10)).until(() -> !alice.screen().contains("bob (away)"));
        awaitScreen(bob, "you are back");
        assertFalse(bob.row(22).contains("(away"), bob.row(22));

        bob.typeLine("/away tea");
        awaitScreen(alice, "bob is away: tea");
        bob.typeLine("/back");
        await().atMost(Duration.ofSeconds(10)).until(() -> alice.screen().split("bob is back", -1).length == 3);
    }

    @Test
    void someoneAlreadyAwayWhenYouJoinIsMarkedFromTheWelcome() throws Exception {
        ChatClient carol = fixture.peer("carol", ChatListener.NONE);
        carol.away("in a meeting").get(5, TimeUnit.SECONDS);
        fixture.tui(alice, "alice");
        awaitScreen(alice, "alice | connected");
        awaitScreen(alice, "carol (away)");
        assertTrue(alice.screen().contains("alice (you)"), alice.screen());
    }
}
