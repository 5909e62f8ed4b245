package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.Welcome;
import dev.chat.daemon.cluster.ClusterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a clustered node (the packaged daemon, as a process): the other node (in this JVM) announces its users as left with
 * {@code connection lost} and their names are free there, both within 15 s.
 */
@Timeout(120)
class ClusterKillIT {
    private static final Duration BOUND = Duration.ofSeconds(15);
    /**
     * Shorter than the default 10 s (which meets the bound with room: claims and heartbeat expire
     * within 10 s, a dead node is looked for every 2 s) so the test takes seconds, not a quarter minute.
     */
    private static final Duration TTL = AttackHarness.scaled(Duration.ofSeconds(3));

    @TempDir
    Path dir;

    private DaemonProcess killed;

    @AfterEach
    void stop() throws InterruptedException {
        if (killed != null) {
            killed.close();
        }
    }

    @Test
    void aNodeKilledWithSignalNineHasItsUsersAnnouncedAsLeftAndItsNamesFreedWithinFifteenSeconds() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer b = cluster.node(cluster.config("b").cluster(ClusterSettings.parse(cluster.redis.uri(), "b", TTL)));
            Path files = Files.createDirectories(dir.resolve("files-a"));
            killed = DaemonProcess.start(dir, "--bind", "127.0.0.1", "--port", "0", "--files", files.toString(),
                    "--data-dir", dir.resolve("data-a").toString(), "--redis", cluster.redis.uri(), "--node-id", "a",
                    "--cluster-ttl", Double.toString(TTL.toMillis() / 1000.0));
            int a = killed.awaitListening();
            TestClient bob = cluster.join(b, "bob").answeringPings();
            bob.socket().setSoTimeout((int) BOUND.multipliedBy(2).toMillis());
            TestClient alice = cluster.track(TestClient.joined(a, "alice"));
            assertEquals("alice", bob.expect(UserJoined.class).name());

            killed.signal("KILL");
            long killedAt = System.nanoTime();
            UserLeft left = bob.expect(UserLeft.class);
            Duration noticed = Duration.ofNanos(System.nanoTime() - killedAt);
            assertEquals("alice", left.name());
            assertEquals(LeaveReason.CONNECTION_LOST, left.reason());
            assertTrue(noticed.compareTo(BOUND) <= 0, "noticed after " + noticed);

            await().atMost(BOUND.minus(noticed)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (TestClient again = new TestClient(b.port())) {
                    again.send(new Hello(1, "alice", 1, "test"));
                    ServerFrame answer = again.next();
                    if (answer instanceof ErrorFrame e) {
                        assertEquals(ErrorCode.NAME_TAKEN, e.code());
                        return false;
                    }
                    return answer instanceof Welcome;
                }
            });
            alice.close();
        }
    }
}
