package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.UserLeft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class ConnectionLossTest extends LoopbackFixture {
    @Test
    void anAbruptResetIsSeenByOthersAsConnectionLost() throws IOException {
        start();
        TestClient alice = join("alice");
        TestClient bob = join("bob");
        long before = System.nanoTime();
        bob.reset();
        assertEquals(new UserLeft("bob", LeaveReason.CONNECTION_LOST), alice.expect(UserLeft.class));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(2), "promptly");
    }

    @Test
    void aKilledClientProcessIsSeenAsConnectionLost() throws Exception {
        start();
        TestClient alice = join("alice");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashClient.class.getName(), Integer.toString(server.port()), "victim")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("joined", out.readLine());
            process.destroyForcibly();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(new UserLeft("victim", LeaveReason.CONNECTION_LOST), alice.expect(UserLeft.class));
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aHalfOpenClientIsPingedAndTimedOut() throws IOException {
        start(config().idleTimeout(Duration.ofSeconds(1)));
        TestClient alice = join("alice").answeringPings();
        join("silent"); // never reads, never answers
        assertEquals(new UserLeft("silent", LeaveReason.TIMED_OUT), alice.expect(UserLeft.class));
    }

    @Test
    void anOverLongLineIsFatalAtOnce() throws IOException {
        start();
        TestClient alice = join("alice");
        TestClient bob = join("bob");
        byte[] line = new byte[70_000];
        Arrays.fill(line, (byte) 'x');
        bob.sendRaw(line);
        assertEquals(ErrorCode.LINE_TOO_LONG, bob.expect(ErrorFrame.class).code());
        assertTrue(bob.closedByDaemon());
        assertEquals(new UserLeft("bob", LeaveReason.KICKED_PROTOCOL_ERROR), alice.expect(UserLeft.class));
    }

    @Test
    void repeatedGarbageClosesTheConnection() throws IOException {
        start();
        TestClient bob = connect();
        bob.sendRaw("{not json\n".repeat(12));
        for (int i = 1; i < SessionState.MAX_BAD_FRAMES; i++) {
            assertEquals(ErrorCode.BAD_FRAME, bob.expect(ErrorFrame.class).code());
        }
        assertEquals(ErrorCode.TOO_MANY_BAD_FRAMES, bob.expect(ErrorFrame.class).code());
        assertTrue(bob.closedByDaemon());
    }

    @Test
    void aClientThatNeverSendsALineGetsHelloTimeout() throws IOException {
        start(config().helloTimeout(Duration.ofMillis(300)));
        TestClient silent = connect();
        assertEquals(ErrorCode.HELLO_TIMEOUT, silent.expect(ErrorFrame.class).code());
        assertTrue(silent.closedByDaemon());
        TestClient partial = connect();
        partial.sendRaw("{\"type\":\"hel");
        assertEquals(ErrorCode.HELLO_TIMEOUT, partial.expect(ErrorFrame.class).code());
        assertTrue(partial.closedByDaemon());
    }

    @Test
    void aByteTrickleDoesNotExtendTheHelloTimeout() throws Exception {
        start(config().helloTimeout(Duration.ofMillis(400)));
        TestClient slowloris = connect();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            trickle.scheduleAtFixedRate(() -> {
                try {
                    slowloris.sendRaw("{"); // JSON mode, never a complete line
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // closed by the daemon: stop trickling
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            assertEquals(ErrorCode.HELLO_TIMEOUT, slowloris.expect(ErrorFrame.class).code());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void aClientThatDoesNotJoinInTimeIsDropped() throws IOException {
        start(config().joinTimeout(Duration.ofMillis(500)));
        TestClient shy = connect();
        shy.send(new Hello(1, "all", 1, "test"));
        assertEquals(ErrorCode.NAME_INVALID, shy.expect(ErrorFrame.class).code());
        assertEquals(ErrorCode.HELLO_TIMEOUT, shy.expect(ErrorFrame.class).code());
        assertTrue(shy.closedByDaemon());
    }
}
