package dev.chat.client.tui;

import com.googlecode.lanterna.input.KeyType;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.daemon.AccountSettings;
import dev.chat.daemon.store.Argon2id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.chat.client.tui.TuiFixture.awaitScreen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The full-screen client's passwords on a headless terminal against a real daemon on loopback (which
 * takes passwords over plaintext from loopback only with plaintext-login on): the join's password
 * asked for in a masked dialog, a wrong one asked again, Esc back to the join dialog, and
 * /register and /password asking twice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PasswordDialogLoopbackTest {
    @TempDir
    Path files;
    @TempDir
    Path downloads;

    private TuiFixture fixture;
    private final HeadlessTerminal terminal = new HeadlessTerminal(100, 30);

    @BeforeEach
    void start() throws Exception {
        fixture = new TuiFixture(files, downloads, AccountSettings.DEFAULTS.withPlaintextLogin(true)
                .withArgon2(new Argon2id.Params(64, 1, 1)));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    /** alice registers from the library and leaves: her name now needs "correct horse". */
    private void registerAlice() throws Exception {
        try (ChatClient alice = ChatClient.connect(fixture.options("alice"), new ChatListener() { })) {
            alice.register("correct horse").get(10, TimeUnit.SECONDS);
        }
    }

    private void assertNeverShown(String secret) {
        assertFalse(terminal.screen().contains(secret), "a password was drawn:\n" + terminal.screen());
    }

    @Test
    void aRegisteredNameIsAskedForItsPasswordMaskedAndAWrongOneIsAskedAgainUntilTheRightOneJoins() throws Exception {
        registerAlice();
        fixture.tui(terminal, "alice");
        awaitScreen(terminal, "Password for alice");
        awaitScreen(terminal, "alice is registered");
        terminal.type("wrong guess");
        awaitScreen(terminal, "Password: ***********_");
        assertNeverShown("wrong guess");
        terminal.press(KeyType.Enter);
        awaitScreen(terminal, "wrong password: try again");
        terminal.typeLine("correct horse");
        awaitScreen(terminal, "joined 127.0.0.1:" + fixture.server.port() + " as alice");
        assertFalse(terminal.screen().contains("Password for alice"), terminal.screen());
        assertNeverShown("correct horse");
        terminal.typeLine("all: in with my password");
        awaitScreen(terminal, "alice: in with my password");
    }

    @Test
    void escLeavesThePasswordDialogForTheJoinDialogWhereEnterAsksAgainAndEscQuits() throws Exception {
        registerAlice();
        FullScreenClient.Running alice = fixture.tui(terminal, "alice");
        awaitScreen(terminal, "Password for alice");
        terminal.press(KeyType.Escape);
        awaitScreen(terminal, "PASSWORD_REQUIRED: alice needs its password");
        assertFalse(terminal.screen().contains("Password for alice"), terminal.screen());
        terminal.press(KeyType.Enter); // the join dialog joins as typed: the daemon asks again
        awaitScreen(terminal, "Password for alice");
        terminal.press(KeyType.Escape);
        awaitScreen(terminal, "needs its password");
        terminal.press(KeyType.Escape);
        assertEquals(0, alice.exit().get(10, TimeUnit.SECONDS));
    }

    @Test
    void registerAsksTwiceAndPasswordChangesItAndTheNewOneIsWhatJoinsNext() throws Exception {
        FullScreenClient.Running alice = fixture.tui(terminal, "alice");
        awaitScreen(terminal, "joined");
        terminal.typeLine("/register");
        awaitScreen(terminal, "Register alice");
        terminal.typeLine("correct horse");
        awaitScreen(terminal, AccountPrompts.AGAIN);
        terminal.typeLine("correct hose");
        awaitScreen(terminal, "the two passwords differ: nothing registered");

        terminal.typeLine("/register");
        awaitScreen(terminal, "Register alice");
        terminal.typeLine("correct horse");
        terminal.typeLine("correct horse");
        awaitScreen(terminal, "registered alice: joining as alice now needs the password");

        terminal.typeLine("/password");
        awaitScreen(terminal, "Password of alice");
        terminal.typeLine("correct horse");
        awaitScreen(terminal, AccountPrompts.NEW);
        terminal.typeLine("battery staple");
        terminal.typeLine("battery staple");
        awaitScreen(terminal, "password of alice changed");
        assertNeverShown("correct horse");
        assertNeverShown("battery staple");
        alice.close();

        try (ChatClient again = ChatClient.connect(fixture.options("alice").withPassword("battery staple"),
                new ChatListener() { })) {
            assertEquals("alice", again.name());
        }
    }
}
