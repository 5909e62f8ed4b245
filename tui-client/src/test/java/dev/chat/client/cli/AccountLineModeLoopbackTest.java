package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.store.Argon2id;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Line mode's /register and /password on a JLine terminal against a real daemon (plaintext logins
 * allowed from loopback): each password asked with the input masked, a new one twice.
 */
@Timeout(60)
class AccountLineModeLoopbackTest extends DaemonFixture {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private CliRun alice;

    @BeforeEach
    void startDaemonAndAlice() throws Exception {
        start(config().accounts(AccountSettings.DEFAULTS.withPlaintextLogin(true)
                .withArgon2(new Argon2id.Params(64, 1, 1))));
        Terminal terminal = LineModeLoopbackTest.keyboardTerminal(new PipedInputStream(keyboard, 65_536), screen);
        terminal.setSize(new Size(120, 40)); // a dumb terminal has no width: JLine would cut the prompts short
        alice = CliRun.start(InputStream.nullInputStream(), work.resolve("state/chat/history"),
                env -> env.withTerminal(() -> terminal), "--server", address(), "--name", "alice", "--line");
        awaitScreen("* welcome alice");
    }

    @AfterEach
    void stopAlice() throws Exception {
        if (!alice.exit().isDone()) {
            type("/quit\n");
        }
        alice.exit().exceptionally(failure -> -1).get(20, TimeUnit.SECONDS);
        keyboard.close();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private void awaitScreen(String text) {
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("never printed '" + text + "':\n" + screen().replace("\r", "\\r").replace("\u001b", "ESC"), e);
        }
    }

    private void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    @Test
    void registerAndPasswordAskMaskedTwiceAndTheNewPasswordIsWhatJoins() throws Exception {
        type("/register\n");
        awaitScreen("New password (8 characters or more): ");
        type("correct horse\n");
        awaitScreen("The same password again: ");
        type("correct horse\n");
        awaitScreen("* registered alice");

        type("/password\n");
        awaitScreen("Current password for alice: ");
        type("correct horse\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().split("New password", -1).length == 3);
        type("battery staple\n");
        type("battery stable\n");
        awaitScreen("the two passwords differ: the password is unchanged");

        type("/password\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().split("Current password", -1).length == 3);
        type("correct horse\nbattery staple\nbattery staple\n");
        awaitScreen("* password of alice changed");
        assertFalse(screen().contains("correct horse"), screen());
        assertFalse(screen().contains("battery staple"), screen());
        type("/quit\n");
        assertEquals(0, alice.exit().get(20, TimeUnit.SECONDS));

        ClientOptions options = ClientOptions.of("127.0.0.1", server.port(), "alice").withPassword("battery staple");
        try (ChatClient again = ChatClient.connect(options, new ChatListener() { })) {
            assertEquals("alice", again.name());
        }
    }
}
