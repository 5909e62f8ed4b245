package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 rows 1 and 9, over loopback while the {@link Witnesses} talk: names that cost the
 * daemon quadratic normalisation work, and names that look like someone else's.
 */
final class NameAttacksTest {
    /** The audit's name: 64 KB of combining marks whose canonical reordering is quadratic. */
    private static final String COSTLY = "a" + "\u0301".repeat(16_000) + "\u0316".repeat(16_000);
    /** What the attack took before names were bounded first: 0.4 s of CPU per line. */
    private static final Duration CPU_BOUND = AttackHarness.scaled(Duration.ofSeconds(3));

    @TempDir
    Path files;

    /**
     * Two JSON and two text connections send 25 such hellos each, pipelined, and a joined user
     * sends 50 such {@code send.to}: each name is refused at once, NAME_INVALID (UNKNOWN_TARGET for
     * the sends); the tenth refused name drops the connection; the 150 lines cost far less CPU
     * than one second, where they cost a minute before.
     */
    @Test
    @Timeout(60)
    void namesOfThirtyTwoThousandCombiningMarksAreRefusedCheaply() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            long cpuBefore = processCpuNanos();
            List<TestClient> json = new ArrayList<>();
            List<TestClient> text = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                json.add(harness.connect());
                text.add(harness.connect());
            }
            for (int i = 0; i < 2; i++) {
                json.get(i).sendRaw(repeated(25, id -> helloLine(id, COSTLY)));
                text.get(i).sendRaw(repeated(25, id -> COSTLY + "\n"));
            }
            for (TestClient client : json) {
                assertRefusedThenDropped(client);
            }
            for (TestClient client : text) {
                assertRefusedThenDroppedInTextMode(client);
            }
            TestClient sender = harness.join("sender");
            sender.sendRaw(repeated(50, id -> "{\"type\":\"send\",\"id\":" + id + ",\"to\":\"" + COSTLY
                    + "\",\"text\":\"hi\"}\n"));
            for (int i = 0; i < 50; i++) {
                ErrorFrame error = sender.expect(ErrorFrame.class);
                assertEquals(ErrorCode.UNKNOWN_TARGET, error.code(), error::toString);
            }
            long cpuMillis = (processCpuNanos() - cpuBefore) / 1_000_000;
            System.out.println("NameAttacksTest: 150 costly name lines took " + cpuMillis + " ms of process CPU");
            assertTrue(cpuMillis < CPU_BOUND.toMillis(), () -> "150 name lines cost " + cpuMillis + " ms of CPU");
            harness.assertSurvived();
        }
    }

    /**
     * Row 9: beside {@code alice}, look-alikes and invisible variants are refused: Cyrillic
     * {@code аlice} as taken, {@code alice} + U+034F / U+FE0F / U+180B and a U+3164-only name as
     * invalid, {@code ѕerver} and {@code аll} as reserved; a message to {@code аlice} reaches alice.
     */
    @Test
    @Timeout(60)
    void lookAlikeAndInvisibleNamesCannotSquatAlice() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient alice = harness.join("alice");
            TestClient mallory = harness.connect();
            assertRefused(mallory, "\u0430lice", ErrorCode.NAME_TAKEN, "is taken"); // the NAME_TAKEN text of PROTOCOL.md
            assertRefused(mallory, "alice\u034F", ErrorCode.NAME_INVALID, "invisible character U+034F");
            assertRefused(mallory, "alice\uFE0F", ErrorCode.NAME_INVALID, "invisible character U+FE0F");
            assertRefused(mallory, "alice\u180B", ErrorCode.NAME_INVALID, "invisible character U+180B");
            assertRefused(mallory, "\u3164", ErrorCode.NAME_INVALID, "invisible character U+3164");
            assertRefused(mallory, "\u0455erver", ErrorCode.NAME_INVALID, "is reserved");
            assertRefused(mallory, "\u0430ll", ErrorCode.NAME_INVALID, "is reserved");

            TestClient textMallory = harness.connect();
            textMallory.sendRaw("\u0430lice\n");
            assertTrue(textMallory.nextLine().startsWith("! NAME_TAKEN: "));

            TestClient bob = harness.join("bob");
            bob.send(new Send(bob.nextId(), "\u0430lice", "for alice"));
            assertEquals("alice", bob.expect(Sent.class).to());
            assertEquals("for alice", alice.expect(Message.class).text());
            harness.assertSurvived();
        }
    }

    private static void assertRefused(TestClient client, String name, ErrorCode code, String why) throws IOException {
        client.send(new Hello(client.nextId(), name, 1, "test"));
        ErrorFrame error = client.expect(ErrorFrame.class);
        assertEquals(code, error.code(), error::toString);
        assertTrue(error.message().contains(why), error::toString);
    }

    /** Nine NAME_INVALID answers, then TOO_MANY_BAD_FRAMES and the end of the connection. */
    private static void assertRefusedThenDropped(TestClient client) throws IOException {
        for (int i = 1; i < SessionState.MAX_REFUSED_HELLOS; i++) {
            ErrorFrame error = client.expect(ErrorFrame.class);
            assertEquals(ErrorCode.NAME_INVALID, error.code(), error::toString);
            assertEquals(Long.valueOf(i), error.re());
        }
        ErrorFrame last = client.expect(ErrorFrame.class);
        assertEquals(ErrorCode.TOO_MANY_BAD_FRAMES, last.code(), last::toString);
        assertTrue(client.closedByDaemon(), "still connected after " + SessionState.MAX_REFUSED_HELLOS + " refusals");
    }

    private static void assertRefusedThenDroppedInTextMode(TestClient client) throws IOException {
        for (int i = 1; i < SessionState.MAX_REFUSED_HELLOS; i++) {
            String line = client.nextLine();
            assertTrue(line.startsWith("! NAME_INVALID: a name has at most 32 characters"), line);
        }
        String last = client.nextLine();
        assertTrue(last.startsWith("! TOO_MANY_BAD_FRAMES: "), last);
        assertTrue(client.closedByDaemon(), "still connected after " + SessionState.MAX_REFUSED_HELLOS + " refusals");
    }

    private interface Line {
        String of(long id);
    }

    /** {@code count} lines with ids 1..count, as one write (pipelined). */
    private static byte[] repeated(int count, Line line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long id = 1; id <= count; id++) {
            out.writeBytes(line.of(id).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** Written by hand: the combining marks go raw (2 bytes each), as the audit sent them. */
    private static String helloLine(long id, String name) {
        return "{\"type\":\"hello\",\"id\":" + id + ",\"name\":\"" + name + "\",\"version\":1,\"client\":\"attack\"}\n";
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
