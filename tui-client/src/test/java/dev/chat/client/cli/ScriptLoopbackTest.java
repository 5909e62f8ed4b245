package dev.chat.client.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.chat.client.ChatClient;
import dev.chat.client.ChatListener;
import dev.chat.client.ClientOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Script mode against a real daemon on loopback: conversations, exit codes, JSON, non-ASCII text. */
@Timeout(30)
class ScriptLoopbackTest extends DaemonFixture {
    private static final String GREETING = "hello bob! שלום, מה נשמע? 100% \"quoted\" \\ back";

    @BeforeEach
    void startDaemon() throws Exception {
        start();
    }

    private CliRun script(String stdin, String name, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "--server";
        args[1] = address();
        args[2] = "--name";
        args[3] = name;
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.start(stdin, work.resolve("history"), args);
    }

    @Test
    void twoScriptClientsConverseOneExpectingWhatTheOtherSends() throws Exception {
        Path bobScript = Files.writeString(work.resolve("bob.chat"), String.join("\n",
                "# bob waits for alice, then answers",
                "/expect hello bob 10",
                "alice: got it, תודה!",
                ""));
        CliRun bob = script("", "bob", "--script", bobScript.toString());
        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.stdout().contains("* welcome bob"));
        CliRun alice = script("bob: " + GREETING + "\n/expect got it\n", "alice", "--script", "-");
        assertEquals(0, alice.exitCode(), alice.stderr());
        assertEquals(0, bob.exitCode(), bob.stderr());
        assertTrue(bob.stdout().matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d] alice -> you: " + java.util.regex.Pattern.quote(GREETING) + "\n.*"),
                bob.stdout());
        assertTrue(alice.stdout().contains("bob -> you: got it, תודה!\n"), alice.stdout());
        assertTrue(alice.stdout().contains("* bob joined") || bob.stdout().contains("* alice joined"));
    }

    @Test
    void aFailedCommandExitsWithOneAndTheDaemonsCodeOnStderr() throws Exception {
        CliRun alice = script("all: anyone?\ndave: hi\nall: not sent\n", "alice");
        assertEquals(1, alice.exitCode());
        assertEquals("! UNKNOWN_TARGET: line 2: no user 'dave' online", alice.stderr().strip());
    }

    @Test
    void aScriptFasterThanTheFloodLimitIsPacedAndNeverRateLimited() throws Exception {
        server.close();
        start(config().rateLimit(10, 5));
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            script.append("all: line ").append(i).append('\n');
        }
        script.append("/users\n");
        CliRun alice = script(script.toString(), "alice");
        assertEquals(0, alice.exitCode(), alice.stderr());
        assertTrue(alice.stderr().isEmpty(), alice.stderr());
    }

    @Test
    void anExpectThatIsNotMetExitsWithOne() throws Exception {
        CliRun alice = script("/expect nobody says this 1\n", "alice");
        assertEquals(1, alice.exitCode());
        assertTrue(alice.stderr().startsWith("! EXPECT_TIMEOUT: line 1: no message containing 'nobody says this' within 1 s"),
                alice.stderr());
    }

    @Test
    void anUnknownCommandExitsWithTwoAfterTheLinesBeforeIt() throws Exception {
        CliRun alice = script("/users\n/kick bob\n", "alice", "--line"); // piped input: --line runs as a script
        assertEquals(2, alice.exitCode());
        assertTrue(alice.stdout().contains("\nalice\n"), alice.stdout());
        assertTrue(alice.stderr().contains("! USAGE: line 2: unknown command /kick"), alice.stderr());
    }

    @Test
    void aTakenNameExitsWithThree() throws Exception {
        try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), ChatListener.NONE)) {
            CliRun other = script("", "BOB");
            assertEquals(3, other.exitCode());
            assertTrue(other.stderr().startsWith("! NAME_TAKEN: "), other.stderr());
            assertTrue(bob.isOpen());
        }
    }

    @Test
    void anInvalidNameExitsWithThree() throws Exception {
        CliRun bad = script("", "server");
        assertEquals(3, bad.exitCode());
        assertTrue(bad.stderr().startsWith("! NAME_INVALID: "), bad.stderr());
    }

    /** The same script end, successful or failed, is the same leave for everyone else: quit, never connection lost. */
    @Test
    void aScriptThatEndsOrFailsLeavesWithQuit() throws Exception {
        java.util.Map<String, dev.chat.wire.frame.LeaveReason> left = new java.util.concurrent.ConcurrentHashMap<>();
        try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), new ChatListener() {
            @Override
            public void onUserLeft(String name, dev.chat.wire.frame.LeaveReason reason) {
                left.put(name, reason);
            }
        })) {
            assertEquals(0, script("all: one\nall: two\n", "alice").exitCode());
            assertEquals(1, script("all: one\ndave: hi\n", "carol").exitCode());
            await().atMost(10, TimeUnit.SECONDS).until(() -> left.size() == 2);
            assertEquals(dev.chat.wire.frame.LeaveReason.QUIT, left.get("alice"));
            assertEquals(dev.chat.wire.frame.LeaveReason.QUIT, left.get("carol"));
        }
    }

    /** Line mode rejoins after a daemon restart; a script does not: its run ends there (docs/client.md). */
    @Test
    void aScriptStillFailsFastWhenTheDaemonGoesAway() throws Exception {
        CliRun alice = script("/expect never 60\n", "alice");
        await().atMost(10, TimeUnit.SECONDS).until(() -> alice.stdout().contains("* welcome alice"));
        server.close();
        assertEquals(1, alice.exitCode());
        assertTrue(!alice.stdout().contains("reconnect") && !alice.stderr().contains("reconnect"), alice.stderr());
    }

    @Test
    void aFullServerExitsWithThree() throws Exception {
        server.close();
        start(config().maxClients(1));
        try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), ChatListener.NONE)) {
            CliRun late = script("", "carol");
            assertEquals(3, late.exitCode());
            assertTrue(late.stderr().startsWith("! SERVER_FULL: "), late.stderr());
        }
    }

    @Test
    void jsonOutputParsesBackObjectByObject() throws Exception {
        Files.writeString(files.resolve("notes.txt"), "shared notes\n");
        try (ChatClient bob = ChatClient.connect(ClientOptions.of("127.0.0.1", server.port(), "bob"), ChatListener.NONE)) {
            bob.send("all", "warm up").join();
            CliRun alice = script("/users\n/files\nbob: " + GREETING + "\n/to bob\n/sleep 10\ndave: hi\n", "alice", "--json");
            assertEquals(1, alice.exitCode(), alice.stderr());
            List<JsonObject> objects = alice.stdout().lines().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
            assertEquals("welcome", objects.getFirst().get("event").getAsString());
            assertEquals(List.of("alice", "bob"), strings(find(objects, "result", "users"), "users").stream().sorted().toList());
            JsonObject files = find(objects, "result", "files").getAsJsonArray("files").get(0).getAsJsonObject();
            assertEquals("notes.txt", files.get("name").getAsString());
            assertEquals(13, files.get("size").getAsLong());
            JsonObject sent = find(objects, "result", "sent");
            assertEquals("bob", sent.get("to").getAsString());
            assertEquals(1, sent.get("recipients").getAsInt());
            assertEquals("bob", find(objects, "result", "target").get("target").getAsString());
            assertEquals(10, find(objects, "result", "sleep").get("ms").getAsInt());
            JsonObject error = find(objects, "error", "UNKNOWN_TARGET");
            assertEquals("dave: hi", error.get("command").getAsString());
            assertEquals("! UNKNOWN_TARGET: line 6: no user 'dave' online", alice.stderr().strip());
        }
    }

    @Test
    void jsonMessagesCarryHebrewAndExclamationMarksIntact() throws Exception {
        CliRun bob = script("/expect שלום\n", "bob", "--json");
        await().atMost(10, TimeUnit.SECONDS).until(() -> bob.stdout().contains("\"welcome\""));
        CliRun alice = script("bob: " + GREETING + "\n", "alice");
        assertEquals(0, alice.exitCode(), alice.stderr());
        assertEquals(0, bob.exitCode(), bob.stderr());
        List<JsonObject> objects = bob.stdout().lines().map(line -> JsonParser.parseString(line).getAsJsonObject()).toList();
        JsonObject message = find(objects, "event", "message");
        assertEquals("alice", message.get("from").getAsString());
        assertEquals("bob", message.get("to").getAsString());
        assertEquals(GREETING, message.get("text").getAsString());
        assertTrue(message.get("ts").getAsLong() > 0);
        assertEquals(GREETING, find(objects, "result", "expect").getAsJsonObject("message").get("text").getAsString());
    }

    private static JsonObject find(List<JsonObject> objects, String kind, String value) {
        return objects.stream().filter(o -> o.has(kind) && o.get(kind).getAsString().equals(value)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + value + " in " + objects));
    }

    private static List<String> strings(JsonObject object, String member) {
        return object.getAsJsonArray(member).asList().stream().map(e -> e.getAsString()).toList();
    }
}
