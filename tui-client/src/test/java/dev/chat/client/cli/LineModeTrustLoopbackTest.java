package dev.chat.client.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Line mode's trust on first use on a JLine DumbTerminal against a real TLS daemon: the prompt shows
 * the fingerprint, yes joins encrypted and remembers the server, no exits 3 and remembers nothing.
 */
@Timeout(30)
class LineModeTrustLoopbackTest extends DaemonFixture {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Path knownHosts;
    private CliRun alice;

    @BeforeEach
    void startAliceOverTls() throws Exception {
        start();
        Path history = work.resolve("state/chat/history");
        knownHosts = history.resolveSibling("known_hosts"); // where Environment.of keeps it
        Terminal terminal = LineModeLoopbackTest.keyboardTerminal(new PipedInputStream(keyboard, 65_536), screen);
        terminal.setSize(new Size(100, 30)); // of size 0 JLine would squeeze the prompt to ">...."
        alice = CliRun.start(InputStream.nullInputStream(), history, env -> env.withTerminal(() -> terminal),
                "--server", address(), "--name", "alice", "--line", "--tls");
        awaitScreen("(yes/no)");
    }

    private void awaitScreen(String text) {
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains(text));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("never shown: '" + text + "' in:\n" + screen() + "\nstderr: " + alice.stderr(), e);
        }
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

    private void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    @Test
    void theFirstConnectionShowsTheFingerprintAndYesJoinsEncryptedAndRemembersTheServer() throws Exception {
        String fingerprint = server.tlsFingerprint();
        assertTrue(screen().contains("the TLS certificate of " + address() + " is not known yet"), screen());
        assertTrue(screen().contains("*   " + fingerprint), screen());
        assertTrue(Files.notExists(knownHosts), "nothing is remembered before the answer");

        type("yes\n");
        awaitScreen("* welcome alice");
        awaitScreen("* encrypted (TLS), server certificate " + fingerprint);
        assertEquals(address() + " " + fingerprint + "\n", Files.readString(knownHosts));
        type("/quit\n");
        assertEquals(0, alice.exit().get(10, TimeUnit.SECONDS));
    }

    @Test
    void anyAnswerButYesRefusesWithExitThreeAndRemembersNothing() throws Exception {
        type("no\n");
        assertEquals(ChatMain.EXIT_CANNOT_JOIN, alice.exit().get(10, TimeUnit.SECONDS));
        assertTrue(screen().contains("--tls-fingerprint " + server.tlsFingerprint()), screen());
        assertTrue(Files.notExists(knownHosts));
    }
}
