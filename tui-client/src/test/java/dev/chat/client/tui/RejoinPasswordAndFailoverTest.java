package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ChatSession;
import dev.chat.client.JoinException;
import dev.chat.client.ServerAddress;
import dev.chat.client.ServerRotation;
import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.ChatServer;
import dev.chat.daemon.store.Argon2id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The full-screen client's rejoins against real daemons on loopback: a rejoin refused because the
 * password changed elsewhere opens the masked password dialog again (no retries behind it; Esc goes
 * to the join dialog), and with two servers a lost first one fails over to the second, which the
 * status bar and the chat pane name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RejoinPasswordAndFailoverTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;
    @TempDir
    Path data;

    private TuiFixture fixture;
    private ChatServer second;
    private final HeadlessTerminal terminal = new HeadlessTerminal(120, 30);
    /** Rejoins wait here while the test changes the password behind the client's back. */
    private volatile CountDownLatch gate = new CountDownLatch(0);

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        if (fixture != null) {
            fixture.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** {@code real}, but every join first waits for {@link #gate}. */
    private Connector gated(Connector real) {
        return new Connector() {
            @Override
            public ChatSession join(String name, ChatListener listener) throws JoinException {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.join(name, listener);
            }

            @Override
            public void usePassword(String password) {
                real.usePassword(password);
            }

            @Override
            public String address() {
                return real.address();
            }

            @Override
            public void close() {
                real.close();
            }
        };
    }

    @Test
    void aRejoinRefusedForAPasswordChangedElsewhereAsksAgainAndTheNewOneGetsBackIn() throws Exception {
        fixture = new TuiFixture(files, downloads, AccountSettings.DEFAULTS.withPlaintextLogin(true)
                .withArgon2(new Argon2id.Params(64, 1, 1)), data);
        try (ChatClient alice = ChatClient.connect(fixture.options("alice"), ChatListener.NONE)) {
            alice.register("correct horse").get(10, TimeUnit.SECONDS);
        }
        fixture.tui(terminal, "alice", "alice", this::gated);
        awaitScreen(terminal, "Password for alice");
        terminal.typeLine("correct horse");
        awaitScreen(terminal, "alice | connected");

        gate = new CountDownLatch(1);
        int port = fixture.server.port();
        fixture.server.close();
        awaitScreen(terminal, "CONNECTION LOST");
        fixture.server = fixture.startDaemon(port); // a restart: no held name, the password decides
        try (ChatClient phone = ChatClient.connect(fixture.options("alice").withPassword("correct horse"),
                ChatListener.NONE)) {
            phone.changePassword("correct horse", "battery staple").get(10, TimeUnit.SECONDS);
        }
        gate.countDown();

        awaitScreen(terminal, "wrong password: try again");
        awaitScreen(terminal, "Password for alice");
        terminal.press(KeyType.Escape); // leaves the dialog for the join dialog, whose Enter asks again
        awaitScreen(terminal, "WRONG_PASSWORD: alice needs its password");
        assertFalse(terminal.screen().contains("retry in"), "a retry counts down behind the dialog:\n" + terminal.screen());
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "Password for alice");
        terminal.typeLine("battery staple");
        String joined = "joined 127.0.0.1:" + port + " as alice";
        await().atMost(Duration.ofSeconds(10)).until(() -> terminal.screen().split(joined, -1).length == 3);
        assertFalse(terminal.screen().contains("rejoin attempt"), "retried with the refused password:\n"
                + terminal.screen());
        assertFalse(terminal.screen().contains("battery staple"), terminal.screen());

        // The phone takes the name over: the client says so and waits for F5 instead of taking it back.
        try (ChatClient phone = ChatClient.connect(fixture.options("alice").withPassword("battery staple"),
                ChatListener.NONE)) {
            awaitScreen(terminal, "SESSION_REPLACED");
            awaitScreen(terminal, "replaced by another login (F5 takes the name back)");
            terminal.press(KeyType.F5);
            awaitScreen(terminal, "reconnected to 127.0.0.1:" + port + " as alice");
            await().atMost(Duration.ofSeconds(10)).until(() -> !phone.isOpen());
        }
    }

    @Test
    void aLostFirstServerFailsOverToTheSecondAndTheStatusBarSaysWhere() throws Exception {
        fixture = new TuiFixture(files, downloads);
        second = fixture.startDaemon(0);
        int first = fixture.server.port();
        ServerRotation servers = new ServerRotation(List.of(new ServerAddress("127.0.0.1", first),
                new ServerAddress("127.0.0.1", second.port())));
        fixture.tui(terminal, "alice", new ClientConnector(fixture.options("alice"), servers));
        awaitScreen(terminal, " 127.0.0.1:" + first + " | alice | connected");

        fixture.server.close(); // the first node dies
        awaitScreen(terminal, "reconnected to 127.0.0.1:" + second.port() + " as alice");
        awaitScreen(terminal, " 127.0.0.1:" + second.port() + " | alice | connected");
    }
}
