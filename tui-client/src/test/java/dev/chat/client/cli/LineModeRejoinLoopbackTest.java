package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.ChatServer;
import dev.chat.daemon.store.Argon2id;
import dev.chat.daemon.store.SqliteStore;
import dev.chat.daemon.store.StoreSettings;
import dev.chat.wire.frame.Message;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Line mode's rejoins against real daemons on loopback: after {@code /register} and {@code /password}
 * a rejoin sends the session's current password (not the one it started with, and without asking);
 * with {@code --server A,B} a lost A fails over to B and says so; a login elsewhere that takes the
 * name over ends line mode instead of starting a tug of war.
 */
@Timeout(60)
class LineModeRejoinLoopbackTest extends DaemonFixture {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private CliRun alice;
    private ChatServer second;

    @AfterEach
    void stopAlice() throws Exception {
        if (alice != null && !alice.exit().isDone()) {
            type("/quit\n");
        }
        if (alice != null) {
            alice.exit().exceptionally(failure -> -1).get(20, TimeUnit.SECONDS);
        }
        keyboard.close();
        if (second != null) {
            second.close();
        }
    }

    private void startAlice(String servers) throws IOException {
        Terminal terminal = LineModeLoopbackTest.keyboardTerminal(new PipedInputStream(keyboard, 65_536), screen);
        terminal.setSize(new Size(160, 40)); // a dumb terminal has no width: JLine would cut the lines short
        alice = CliRun.start(InputStream.nullInputStream(), work.resolve("state/chat/history"),
                env -> env.withTerminal(() -> terminal), "--server", servers, "--name", "alice", "--line");
        awaitScreen("* welcome alice");
    }

    private AccountSettings accounts() {
        return AccountSettings.DEFAULTS.withPlaintextLogin(true).withArgon2(new Argon2id.Params(64, 1, 1));
    }

    @Test
    void afterRegisterAndPasswordARejoinSendsTheNewPasswordWithoutAskingAndATakeoverEndsLineMode()
            throws Exception {
        start(config().accounts(accounts()).dataDir(work.resolve("data")));
        int port = server.port();
        startAlice(address());
        type("/register\n");
        awaitScreen("New password (8 characters or more): ");
        type("correct horse\n");
        awaitScreen("The same password again: ");
        type("correct horse\n");
        awaitScreen("* registered alice");
        type("/password\n");
        awaitScreen("Current password for alice: ");
        type("correct horse\nbattery staple\nbattery staple\n");
        awaitScreen("* password of alice changed");

        // A restart frees every held name: only the password gets alice back in.
        server.close();
        awaitScreen("* connection lost (");
        start(config().accounts(accounts()).dataDir(work.resolve("data")).port(port));
        awaitScreen("* reconnected to 127.0.0.1:" + port + ": welcome alice, 1 user online: alice (registered)");
        assertFalse(screen().contains("Password for alice"), "a rejoin asked for the password:\n" + screen());

        // The laptop logs in with the password: line mode says so and ends, it does not take it back.
        try (ChatClient laptop = ChatClient.connect(ClientOptions.of("127.0.0.1", port, "alice")
                .withPassword("battery staple"), ChatListener.NONE)) {
            assertEquals(1, alice.exit().get(20, TimeUnit.SECONDS));
            awaitScreen("SESSION_REPLACED");
            assertEquals(java.util.List.of("alice"), laptop.listUsers().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRejoinRefusedForTheAccountStopsTryingUntilSlashReconnect() throws Exception {
        start(config().accounts(accounts()).dataDir(work.resolve("data")));
        int port = server.port();
        startAlice(address());
        type("/register\n");
        awaitScreen("New password (8 characters or more): ");
        type("correct horse\n");
        awaitScreen("The same password again: ");
        type("correct horse\n");
        awaitScreen("* registered alice");

        server.close();
        awaitScreen("* connection lost (");
        setLocked(true); // the operator locks the account while the daemon is down
        start(config().accounts(accounts()).dataDir(work.resolve("data")).port(port));
        awaitScreen("! ACCOUNT_LOCKED: ");
        awaitScreen("not retrying (each try counts against the login throttle): /reconnect tries again");
        assertFalse(screen().contains("still trying"), screen());

        setLocked(false);
        type("/reconnect\n");
        awaitScreen("* reconnected to 127.0.0.1:" + port + ": welcome alice, 1 user online: alice (registered)");
    }

    private void setLocked(boolean locked) {
        try (SqliteStore store = SqliteStore.open(work.resolve("data"), StoreSettings.DEFAULTS)) {
            store.setLocked("alice", locked).join();
        }
    }

    @Test
    void aLostServerFailsOverToTheNextOfTheListAndTheLinesGoOnThere() throws Exception {
        start();
        second = new ChatServer(config().build()).start();
        BlockingQueue<Message> bobReceived = new LinkedBlockingQueue<>();
        startAlice(address() + ",127.0.0.1:" + second.port());
        try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", second.port(), "bob"), new ChatListener() {
            @Override
            public void onMessage(Message message) {
                bobReceived.add(message);
            }
        })) {
            server.close(); // the first node dies
            awaitScreen("* reconnected to 127.0.0.1:" + second.port() + ": welcome alice, 2 users online");
            type("bob: on the second node\n");
            Message message = bobReceived.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "bob received nothing");
            assertEquals("on the second node", message.text());
        }
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private void awaitScreen(String text) {
        try {
            await().atMost(15, TimeUnit.SECONDS).until(() -> screen().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("never printed '" + text + "':\n" + screen().replace("\r", "\\r")
                    .replace("\u001b", "ESC"), e);
        }
    }
}
