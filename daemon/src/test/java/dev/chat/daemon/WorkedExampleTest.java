package dev.chat.daemon;

import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Send;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays the worked example of PROTOCOL.md section 15, and the text-mode example of section 14,
 * against a real daemon, line for line, so the spec's examples cannot drift from what the daemon
 * sends. Three things are illustrative in the spec and normalised here: timestamps ({@code "ts"}, and
 * the clock of text-mode messages), the random {@code resume_token} (the spec shows "…"), and the heartbeat, which this daemon sends after
 * one second (idle timeout 2 s) instead of 30, so the welcome's {@code idle_timeout_seconds} is
 * read as 2. A heartbeat ping the script does not show is answered and skipped, as any client does.
 */
@Timeout(30)
class WorkedExampleTest extends LoopbackFixture {
    static final Path PROTOCOL = Path.of("..", "wire", "PROTOCOL.md");
    private static final Pattern STEP = Pattern.compile("^(C|S)\\[(\\w+)\\]:\\s+(\\{.*\\})$");
    private static final Pattern TS = Pattern.compile("\"ts\":\\d+");
    private static final Pattern TOKEN = Pattern.compile("\"resume_token\":\"[A-Za-z0-9_-]+\"");
    private static final int IDLE_SECONDS = 2;
    private static final Pattern FROM_BOB = Pattern.compile("^\\[\\d\\d:\\d\\d:\\d\\d\\] bob -> you: (.*)$");
    private static final Pattern JOINED = Pattern.compile("^\\* (\\w+) joined$");
    private static final Pattern CLOCK = Pattern.compile("^\\[\\d\\d:\\d\\d:\\d\\d\\]");

    @Test
    void theDaemonSpeaksExactlyAsSection15Shows() throws IOException {
        List<String> script = exampleOf("## 15. Worked example");
        start(config().idleTimeout(Duration.ofSeconds(IDLE_SECONDS)));
        Map<String, TestClient> clients = new HashMap<>();
        int steps = 0;
        for (String line : script) {
            Matcher step = STEP.matcher(line);
            if (!step.matches()) {
                continue; // a comment, or the note that the daemon closes a connection
            }
            TestClient client = clients.computeIfAbsent(step.group(2), who -> uncheckedConnect());
            if (step.group(1).equals("C")) {
                client.sendRaw(step.group(3) + "\n");
            } else {
                assertEquals(normalised(step.group(3)), normalised(nextScripted(client, step.group(3))), line);
            }
            steps++;
        }
        assertTrue(steps >= 20, "the example was found and replayed: " + steps + " steps");
        assertTrue(clients.get("alice").closedByDaemon(), "alice quit: the daemon closes her connection");
    }

    /**
     * Section 14's nc session, replayed the same way. The example shows two lines whose cause it does
     * not show, bob's message and carol joining; JSON users cause them here just before they are due.
     * alice and bob are online before it starts, as the welcome line says.
     */
    @Test
    void aTextSessionSpeaksExactlyAsSection14Shows() throws IOException {
        List<String> script = exampleOf("Example (`>` lines typed by the user, the others written by the daemon):");
        start();
        join("alice");
        TestClient bob = join("bob");
        TestClient person = connect();
        int lines = 0;
        for (String line : script) {
            if (line.startsWith("$ ")) {
                continue; // the nc command itself
            }
            if (line.startsWith("> ")) {
                person.sendRaw(line.substring(2) + "\n");
                continue;
            }
            Matcher message = FROM_BOB.matcher(line);
            if (message.matches()) {
                bob.send(new Send(bob.nextId(), "alice2", message.group(1)));
            }
            Matcher joined = JOINED.matcher(line);
            if (joined.matches()) {
                join(joined.group(1));
            }
            assertEquals(CLOCK.matcher(line).replaceFirst("[time]"), CLOCK.matcher(person.nextLine()).replaceFirst("[time]"));
            lines++;
        }
        assertTrue(lines >= 8, "the example was found and replayed: " + lines + " daemon lines");
        assertTrue(person.closedByDaemon(), "after * bye the daemon closes the connection");
    }

    /** The daemon's next line for {@code client}, skipping a heartbeat the script does not show. */
    private static String nextScripted(TestClient client, String expected) throws IOException {
        while (true) {
            String line = client.nextLine();
            boolean unscriptedPing = JsonCodec.instance().decodeServer(utf8(line)) instanceof Ping ping
                    && !expected.startsWith("{\"type\":\"ping\"");
            if (!unscriptedPing) {
                return line;
            }
            client.send(new Pong(((Ping) JsonCodec.instance().decodeServer(utf8(line))).id()));
        }
    }

    private String normalised(String line) {
        String tokenless = TOKEN.matcher(line).replaceAll("\"resume_token\":\"…\"");
        return TS.matcher(tokenless).replaceAll("\"ts\":0")
                .replace("\"idle_timeout_seconds\":60", "\"idle_timeout_seconds\":" + IDLE_SECONDS);
    }

    private TestClient uncheckedConnect() {
        try {
            return connect();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The lines of the first fenced block after the line {@code heading} in PROTOCOL.md. */
    static List<String> exampleOf(String heading) throws IOException {
        List<String> lines = Files.readAllLines(PROTOCOL, StandardCharsets.UTF_8);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, "PROTOCOL.md has " + heading);
        while (!lines.get(at).startsWith("```")) {
            at++;
        }
        List<String> block = new ArrayList<>();
        for (int i = at + 1; !lines.get(i).startsWith("```"); i++) {
            block.add(lines.get(i));
        }
        return block;
    }

    private static ByteBuffer utf8(String line) {
        return ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    }
}
