package dev.chat.client.tui;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A crowded room on a virtual terminal: the users pane says how many it cannot show and marks cut
 * names, and the smart filter keeps the joins and leaves of silent people out of the chat pane
 * (issue 15 defect 7).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UsersAndJoinLinesTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(80, 20);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void anOverflowingUsersPaneSaysHowManyMoreThereAreAndCutNamesEndInAnEllipsis() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "Users (1)");
        fixture.peer("averyveryverylongname", ChatListener.NONE);
        for (int i = 10; i < 40; i++) {
            fixture.peer("user" + i, ChatListener.NONE);
        }
        awaitScreen(terminal, "Users (32)");
        String screen = terminal.screen();
        Matcher more = Pattern.compile("\\+(\\d+) more \\(F2\\)").matcher(screen);
        assertTrue(more.find(), screen);
        long shown = screen.lines().filter(l -> l.matches(".*│ ?[> ](alice|averyvery|user\\d\\d).*")).count();
        assertEquals(32, shown + Integer.parseInt(more.group(1)), screen);
        assertTrue(screen.contains("averyveryveryl…"), screen);
        assertFalse(screen.contains("averyveryverylongname"), screen);
    }

    @Test
    void joinsAndLeavesOfSilentPeopleAreHiddenWhileThoseOfTalkersShowAndJoinsAllShowsEveryOne() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "Users (1)");
        ChatClient quiet = fixture.peer("quiet", ChatListener.NONE);
        ChatClient talker = fixture.peer("talker", ChatListener.NONE);
        awaitScreen(terminal, "Users (3)");
        talker.send("all", "hello room").get(5, TimeUnit.SECONDS);
        awaitScreen(terminal, "talker: hello room");
        awaitScreen(terminal, "--> talker joined"); // unmasked: he spoke soon after joining
        quiet.close();
        talker.close();
        awaitScreen(terminal, "<-- talker left (quit)");
        awaitScreen(terminal, "Users (1)");
        String screen = terminal.screen();
        assertFalse(screen.contains("quiet joined") || screen.contains("quiet left"), screen);

        terminal.typeLine("/joins all");
        awaitScreen(terminal, "--> quiet joined");
        awaitScreen(terminal, "<-- quiet left (quit)");
    }
}
