package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bytes and frames from one client, each answered with its documented error or disconnect
 * (PROTOCOL.md), while the {@link AttackHarness}'s witnesses keep talking through the same daemon.
 */
@Timeout(30)
final class AdversarialClientsTest {
    private static final int MAX = 64 * 1024;

    @TempDir
    Path files;

    @Test
    void aLineOf64KiBPlusOneIsFatalAndOthersGoOn() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient attacker = harness.join("attacker");
            byte[] line = new byte[MAX + 2];
            Arrays.fill(line, (byte) 'x');
            line[MAX + 1] = '\n';
            attacker.sendRaw(line);
            assertEquals(ErrorCode.LINE_TOO_LONG, attacker.expect(ErrorFrame.class).code());
            assertTrue(attacker.closedByDaemon());
            harness.assertSurvived();
        }
    }

    @Test
    void tenMiBWithoutANewlineAreCutOffAtTheLimit() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient attacker = harness.connect();
            AtomicReference<Long> sent = new AtomicReference<>(0L);
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'y');
                chunk[0] = '{';
                try {
                    for (int i = 0; i < 160; i++) { // 10 MiB
                        attacker.sendRaw(chunk);
                        sent.set(sent.get() + chunk.length);
                    }
                } catch (IOException e) {
                    // the daemon closed: expected long before 10 MiB
                }
            });
            assertEquals(ErrorCode.LINE_TOO_LONG, attacker.expect(ErrorFrame.class).code());
            assertTrue(attacker.closedByDaemon());
            writer.join(10_000);
            assertTrue(sent.get() < 10L << 20, "the daemon read on: " + sent.get() + " bytes taken");
            harness.assertSurvived();
        }
    }

    @Test
    void invalidUtf8AndNonObjectsAreBadFramesAndTheConnectionStays() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient attacker = harness.join("attacker");
            byte[] badUtf8 = "{\"type\":\"send\",\"id\":5,\"to\":\"all\",\"text\":\"\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
            badUtf8[badUtf8.length - 5] = (byte) 0xFF; // breaks the two-byte sequence of é
            attacker.sendRaw(badUtf8);
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("[1,2,3]\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("42\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            assertStillServed(attacker);
            harness.assertSurvived();
        }
    }

    @Test
    void missingExtraAndWronglyTypedFieldsAreHandledAsDocumented() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient attacker = harness.join("attacker");
            attacker.sendRaw("{\"type\":\"send\",\"id\":1,\"to\":\"witness-b\"}\n"); // no text
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("{\"type\":\"send\",\"id\":\"2\",\"to\":\"witness-b\",\"text\":\"x\"}\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("{\"type\":\"send\",\"id\":3,\"to\":[\"witness-b\"],\"text\":\"x\"}\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("{\"type\":\"send\",\"id\":4,\"to\":\"witness-b\",\"text\":7}\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("{\"type\":7,\"id\":5}\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            attacker.sendRaw("{\"id\":6}\n");
            assertBadFrame(attacker, ErrorCode.BAD_FRAME);
            // Unknown fields are ignored (forward compatibility): this one is delivered.
            attacker.sendRaw("{\"type\":\"ping\",\"id\":7,\"color\":\"red\",\"nested\":{\"a\":[1]}}\n");
            assertEquals(new Pong(7), attacker.expect(Pong.class));
            assertStillServed(attacker);
            harness.assertSurvived();
        }
    }

    @Test
    void nulTooLongAndBidiOverrideNamesAreInvalidAndTheClientMayRetry() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity())) {
            TestClient attacker = harness.connect();
            String astral = "\uD835\uDC9C"; // U+1D49C, one letter, two chars
            for (String name : new String[] {"ev\u0000il", "a".repeat(33), astral.repeat(33),
                    "\u202Eevil", "ab\u202Dcd", "x\u2066y", "\u200Fz"}) {
                attacker.send(new Hello(attacker.nextId(), name, 1, "test"));
                ErrorFrame error = attacker.expect(ErrorFrame.class);
                assertEquals(ErrorCode.NAME_INVALID, error.code(), () -> "name " + name.codePoints().count() + " cps");
            }
            attacker.send(new Hello(attacker.nextId(), astral.repeat(32), 1, "test"));
            assertEquals(astral.repeat(32), attacker.expect(Welcome.class).name());
            harness.assertSurvived();
        }
    }

    private static void assertBadFrame(TestClient client, ErrorCode code) throws IOException {
        assertEquals(code, client.expect(ErrorFrame.class).code());
    }

    /** The connection is still open and answered after the bad lines. */
    private static void assertStillServed(TestClient client) throws IOException {
        long id = client.nextId();
        client.send(new Ping(id));
        assertEquals(new Pong(id), client.expect(Pong.class));
        client.send(new ListUsers(client.nextId()));
        assertTrue(client.expect(UserList.class).users().contains("attacker"));
    }
}
