package dev.chat.client.cli;

import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.wire.frame.Message;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Line mode on a JLine {@link DumbTerminal} over byte streams, against a real daemon: what is typed
 * reaches bob exactly, what bob sends is printed, TAB completes his name, Ctrl-C clears a line,
 * Ctrl-D and /quit leave.
 */
@Timeout(30)
class LineModeLoopbackTest extends DaemonFixture {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final BlockingQueue<Message> bobReceived = new LinkedBlockingQueue<>();
    private ChatClient bob;
    private CliRun alice;

    @BeforeEach
    void startDaemonBobAndAlice() throws Exception {
        start();
        bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), new ChatListener() {
            @Override
            public void onMessage(Message message) {
                bobReceived.add(message);
            }
        });
        Terminal terminal = keyboardTerminal(new PipedInputStream(keyboard, 65_536), screen);
        alice = CliRun.start(InputStream.nullInputStream(), work.resolve("state/chat/history"),
                env -> env.withTerminal(() -> terminal), "--server", address(), "--name", "alice", "--line",
                "--download-dir", work.resolve("downloads").toString());
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("* welcome alice"));
    }

    /**
     * A {@link DumbTerminal} over byte streams, but of type "ansi": JLine's reader turns completion off
     * on terminals of type "dumb". Ctrl-C and Ctrl-D are given their tty meanings (a signal, end of file).
     */
    static Terminal keyboardTerminal(InputStream in, ByteArrayOutputStream out) throws IOException {
        Terminal terminal = new DumbTerminal("test", "ansi", in, out, StandardCharsets.UTF_8);
        Attributes attributes = terminal.getAttributes();
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setControlChar(Attributes.ControlChar.VEOF, 4);
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        terminal.setAttributes(attributes);
        return terminal;
    }

    @AfterEach
    void stopAliceAndBob() throws Exception {
        if (!alice.exit().isDone()) {
            type("/quit\n");
        }
        // Alice saves her history as she leaves: wait for that before its temporary folder goes.
        alice.exit().exceptionally(failure -> -1).get(20, TimeUnit.SECONDS);
        keyboard.close();
        bob.close();
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private Message nextForBob() throws InterruptedException {
        Message message = bobReceived.poll(10, TimeUnit.SECONDS);
        assertNotNull(message, "bob received nothing");
        return message;
    }

    @Test
    void typedTextReachesBobExactlyAndHisAnswerIsPrintedAboveThePrompt() throws Exception {
        String text = "hi! שלום !! \\n 'quoted' \"too\" !$";
        type("bob: " + text + "\n");
        Message first = nextForBob();
        assertEquals("alice", first.from());
        assertEquals(text, first.text());
        bob.send("alice", "yo alice, ma nishma?").join();
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("bob -> you: yo alice, ma nishma?"));
        type("/quit\n");
        assertEquals(0, alice.exitCode());
        String history = Files.readString(work.resolve("state/chat/history"));
        assertTrue(history.contains("bob: hi! שלום !!"), history); // JLine escapes the backslash in its file
    }

    @Test
    void tabAtTheStartOfALineCompletesAUserName() throws Exception {
        type("bo\thello from completion\n");
        Message message = nextForBob();
        assertEquals("bob", message.to());
        assertEquals("hello from completion", message.text());
    }

    @Test
    void aLineWithoutTargetGoesToAllUntilSlashToChangesIt() throws Exception {
        type("to everyone\n");
        Message broadcast = nextForBob();
        assertEquals("all", broadcast.to());
        type("/to bob\njust you\n");
        Message secret = nextForBob();
        assertEquals("bob", secret.to());
        assertEquals("just you", secret.text());
        await().atMost(5, TimeUnit.SECONDS).until(() -> screen().contains("* now talking to bob"));
    }

    @Test
    void ctrlCClearsTheLineAndCtrlDLeavesCleanly() throws Exception {
        type("not this\u0003");
        type("bob: only this\n");
        assertEquals("only this", nextForBob().text());
        type("\u0004");
        assertEquals(0, alice.exitCode());
    }

    @Test
    void aFailedCommandIsPrintedAndTheSessionGoesOn() throws Exception {
        type("dave: hi\n/nope\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("! UNKNOWN_TARGET: no user 'dave' online")
                && screen().contains("! USAGE: unknown command /nope"));
        type("bob: still here\n");
        assertEquals("still here", nextForBob().text());
    }

    @Test
    void aNamePrefixThatNamesNobodyOffersToSendTheWholeLineAsPlainTextWithOneEnter() throws Exception {
        type("todo: buy milk\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("! UNKNOWN_TARGET: no user 'todo' online")
                && screen().contains("* an empty Enter sends 'todo: buy milk' to all as plain text"));
        type("\n");
        Message message = nextForBob();
        assertEquals("all", message.to());
        assertEquals("todo: buy milk", message.text());
    }

    @Test
    void aBracketedPasteOfSeveralLinesAsksFirstThenSendsThemAsTextNeverAsCommands() throws Exception {
        type("\u001b[200~/quit\nbob: hi\n\u001b[201~\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains(
                "* 2 pasted lines: an empty Enter sends them to all as text, anything else drops them"));
        assertTrue(bobReceived.isEmpty());
        type("\n");
        assertEquals("/quit", nextForBob().text());
        Message second = nextForBob();
        assertEquals("all", second.to());
        assertEquals("bob: hi", second.text());
        assertTrue(!alice.exit().isDone());
    }

    @Test
    void aMessageOverTheLimitIsOfferedAsSeveralMessagesAndAnEmptyEnterSendsThem() throws Exception {
        String text = "long ".repeat(1_000); // 5000 bytes
        type("bob: " + text + "\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains(
                "* that is 5000 bytes, over the daemon's 4096: an empty Enter sends it as 2 messages"));
        assertTrue(bobReceived.isEmpty());
        type("\n");
        String first = nextForBob().text();
        String second = nextForBob().text();
        assertEquals(text.stripTrailing(), (first + second).stripTrailing());
    }

    @Test
    void switchingToAnOfflineUserOrToYourselfWarns() throws Exception {
        type("/to dave\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("! dave is not online: lines to them fail"));
        type("/to alice\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("! that is you: each line will show twice"));
    }

    @Test
    void aLineStartingWithAUrlIsTextForTheCurrentTarget() throws Exception {
        type("https://example.com/a look at this\n");
        Message message = nextForBob();
        assertEquals("all", message.to());
        assertEquals("https://example.com/a look at this", message.text());
    }

    @Test
    void getRunsInTheBackgroundAndItsFailureIsPrintedAboveThePrompt() throws Exception {
        type("/get nothing.here tcp\nbob: meanwhile\n");
        assertEquals("meanwhile", nextForBob().text());
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("! FILE_NOT_FOUND: "));
    }

    @Test
    void aDaemonRestartIsRejoinedUnderTheSameNameAndTheHalfTypedLineIsKept() throws Exception {
        int port = server.port();
        type("half typed");
        server.close();
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("* connection lost (")
                && screen().contains("reconnecting as alice in 1 s"));
        start(config().port(port));
        await().atMost(15, TimeUnit.SECONDS).until(() -> screen().contains("* reconnected to 127.0.0.1:" + port + ": welcome alice"));
        assertFalse(alice.exit().isDone(), "line mode went on");
        ChatClient carol = ChatClient.connect(ClientOptions.of("127.0.0.1", port, "carol"), new ChatListener() {
            @Override
            public void onMessage(Message message) {
                bobReceived.add(message);
            }
        });
        try {
            type(" line\n");
            Message message = nextForBob();
            assertEquals("alice", message.from());
            assertEquals("half typed line", message.text());
        } finally {
            carol.close();
        }
    }

    @Test
    void aNameTakenOnRejoinIsSaidOnceAndSlashNickRejoinsUnderAnotherName() throws Exception {
        int port = server.port();
        server.close();
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("* connection lost ("));
        start(config().port(port));
        ChatClient other = ChatClient.connect(ClientOptions.of("127.0.0.1", port, "alice"), ChatListener.NONE);
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("! NAME_TAKEN: ")
                    && screen().contains("still trying, /nick NAME rejoins under another name"));
            type("/nick alice2\n");
            await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("* reconnected to 127.0.0.1:" + port + ": welcome alice2"));
            assertEquals(1, screen().split("! NAME_TAKEN: ", -1).length - 1, screen());
        } finally {
            other.close();
        }
    }

    @Test
    void slashReconnectWhileConnectedSaysThereIsNothingToReconnect() throws Exception {
        type("/reconnect\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("connected: nothing to reconnect"));
    }

    @Test
    void aLineTypedWhileTheDaemonIsAwayIsSentAfterTheRejoin() throws Exception {
        int port = server.port();
        server.close();
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen().contains("* connection lost ("));
        // carol joins first, so the line (addressed to her) has someone to reach when it is flushed
        start(config().port(port));
        ChatClient carol = ChatClient.connect(ClientOptions.of("127.0.0.1", port, "carol"), new ChatListener() {
            @Override
            public void onMessage(Message message) {
                bobReceived.add(message);
            }
        });
        try {
            type("carol: written while away\n");
            Message message = nextForBob();
            assertEquals("carol", message.to());
            assertEquals("written while away", message.text());
        } finally {
            carol.close();
        }
    }
}
