package dev.chat.client.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import dev.chat.wire.frame.Message;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /me} and {@code /away} in line mode and in script mode's {@code --json}, against a real
 * daemon and a library client on the other side.
 */
@Timeout(30)
class AwayAndActionLoopbackTest extends DaemonFixture {
    /** What bob's listener saw: messages as {@code * from text} for actions, aways as {@code name:reason}. */
    private final Queue<String> bobSaw = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startDaemon() throws Exception {
        start();
    }

    private ChatClient bob(ChatListener then) throws Exception {
        return ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), new ChatListener() {
            @Override
            public void onMessage(Message message) {
                bobSaw.add((message.isAction() ? "* " : "") + message.from() + " " + message.text());
                then.onMessage(message);
            }

            @Override
            public void onUserAway(String name, String reason) {
                bobSaw.add(name + ":" + reason);
                then.onUserAway(name, reason);
            }
        });
    }

    @Test
    void lineModeSendsAndShowsActionsAndAwayStates() throws Exception {
        PipedOutputStream keyboard = new PipedOutputStream();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (ChatClient bob = bob(ChatListener.NONE)) {
            Terminal terminal = LineModeLoopbackTest.keyboardTerminal(new PipedInputStream(keyboard, 65_536), screen);
            CliRun alice = CliRun.start(InputStream.nullInputStream(), work.resolve("history"),
                    env -> env.withTerminal(() -> terminal), "--server", address(), "--name", "alice", "--line");
            awaitShown(screen, "* welcome alice");

            type(keyboard, "/me waves\n/away brb\n/me\n");
            await().atMost(10, TimeUnit.SECONDS).until(() -> bobSaw.contains("* alice waves") && bobSaw.contains("alice:brb"));
            awaitShown(screen, "* you are away: brb");
            awaitShown(screen, "usage: /me TEXT");

            bob.sendAction("all", "grins").get(5, TimeUnit.SECONDS);
            awaitShown(screen, "] * bob grins");
            bob.away("lunch").get(5, TimeUnit.SECONDS);
            awaitShown(screen, "* bob is away: lunch");
            bob.away(null).get(5, TimeUnit.SECONDS);
            awaitShown(screen, "* bob is back");

            type(keyboard, "/back\n/quit\n");
            assertEquals(0, alice.exitCode(), alice.stderr());
            assertTrue(bobSaw.contains("alice:null"), bobSaw.toString());
            keyboard.close();
        }
    }

    @Test
    void scriptJsonMarksActionsAndReportsAwayResultsAndEvents() throws Exception {
        AtomicReference<ChatClient> self = new AtomicReference<>();
        try (ChatClient bob = bob(new ChatListener() {
            @Override
            public void onUserAway(String name, String reason) {
                if (reason == null) {
                    // alice is back: bob goes away and then acts, both room events, so in this order
                    self.get().away("reading");
                    self.get().sendAction("all", "nods");
                }
            }
        })) {
            self.set(bob);
            CliRun alice = CliRun.start("/away lunch\n/me waves\n/back\n/expect nods\n", work.resolve("history"),
                    "--server", address(), "--name", "alice", "--json");
            assertEquals(0, alice.exitCode(), alice.stderr());
            List<JsonObject> objects = alice.stdout().lines().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
            List<JsonObject> aways = objects.stream().filter(o -> o.has("result") && o.get("result").getAsString().equals("away")).toList();
            assertEquals(2, aways.size(), objects.toString());
            assertEquals("lunch", aways.get(0).get("reason").getAsString());
            assertFalse(aways.get(1).has("reason"), "back has no reason: " + aways.get(1));
            JsonObject action = objects.stream().filter(o -> o.has("event") && o.get("event").getAsString().equals("message"))
                    .findFirst().orElseThrow(() -> new AssertionError("no message in " + objects));
            assertEquals("nods", action.get("text").getAsString());
            assertTrue(action.get("action").getAsBoolean(), action.toString());
            assertTrue(alice.stdout().contains("{\"event\":\"user_away\",\"name\":\"bob\",\"reason\":\"reading\"}"), alice.stdout());
            assertEquals(List.of("alice:lunch", "* alice waves", "alice:null"), List.copyOf(bobSaw).subList(0, 3));
        }
    }

    private static void type(PipedOutputStream keyboard, String keys) throws Exception {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void awaitShown(ByteArrayOutputStream screen, String text) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> screen.toString(StandardCharsets.UTF_8).contains(text));
    }
}
