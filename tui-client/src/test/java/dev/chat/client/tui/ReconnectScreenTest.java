package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.JoinException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The full-screen client while the daemon is away: the status bar counts down to the next attempt,
 * attempts share one chat line, F5 and /reconnect try at once, and a name taken on rejoin offers the
 * join dialog (issue 15 defects 10, 11).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReconnectScreenTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(120, 30);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** The loopback daemon as if it were elsewhere: the 30 s backoff cap instead of the local 2 s. */
    private static Connector remote(Connector real) {
        return new Connector() {
            @Override
            public ChatSession join(String name, ChatListener listener) throws JoinException {
                return real.join(name, listener);
            }

            @Override
            public String address() {
                return real.address();
            }

            @Override
            public boolean local() {
                return false;
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Test
    void theStatusBarCountsDownToTheNextAttemptAndTheAttemptsShareOneLine() throws Exception {
        fixture.tui(terminal, "alice", "alice", ReconnectScreenTest::remote);
        awaitScreen(terminal, "alice | connected");
        fixture.server.close();
        // 1 s, then 2 s, then 4 s: within the 4 s wait the bar says 3, 2, 1
        await().atMost(Duration.ofSeconds(15)).until(() -> terminal.screen().contains("retry in 4 s"));
        awaitScreen(terminal, "retry in 3 s");
        awaitScreen(terminal, "retry in 2 s (F5 now)");
        String screen = terminal.screen();
        long attemptLines = screen.lines().filter(l -> l.contains("rejoin attempt")).count();
        assertEquals(1, attemptLines, screen);
        awaitScreen(terminal, "rejoin attempt 2 failed");
    }

    @Test
    void f5AfterTheDaemonIsBackRejoinsWithoutWaitingOutTheBackoff() throws Exception {
        fixture.tui(terminal, "alice", "alice", ReconnectScreenTest::remote);
        awaitScreen(terminal, "alice | connected");
        int port = fixture.server.port();
        fixture.server.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> terminal.screen().contains("retry in 4 s"));
        fixture.server = fixture.startDaemon(port);
        terminal.press(KeyType.F5);
        // well inside the 4 s the backoff would still wait
        await().atMost(Duration.ofMillis(2_500)).until(() -> terminal.screen().contains("reconnected to"));
    }

    @Test
    void slashReconnectWhileConnectedSaysThereIsNothingToDo() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        terminal.typeLine("/reconnect");
        awaitScreen(terminal, "connected: nothing to reconnect");
    }

    @Test
    void aNameTakenOnRejoinOffersTheJoinDialogAndAnotherNameGetsBackIn() throws Exception {
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "alice | connected");
        int port = fixture.server.port();
        fixture.server.close();
        awaitScreen(terminal, "CONNECTION LOST");
        fixture.server = fixture.startDaemon(port);
        fixture.peer("alice", ChatListener.NONE); // someone else got the name first
        await().atMost(Duration.ofSeconds(10)).until(() -> terminal.screen().contains("alice is taken"));
        awaitScreen(terminal, "/nick NAME rejoins under");
        awaitScreen(terminal, "retrying meanwhile");
        terminal.type("2"); // the dialog holds the old name, the cursor at its end
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "as alice2");
        awaitScreen(terminal, "alice2 | connected");
    }
}
