package dev.chat.daemon;

import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.UserLeft;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 row 3 over loopback: text-mode sessions that send a name and then nothing no longer hold
 * their name and slot for ever; and the keepalive that finds a vanished text peer is tuned to the
 * JSON idle bound. The {@link AttackHarness}'s witnesses talk throughout the attack.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TextIdleTest {
    @TempDir
    Path files;

    @Test
    void textSessionsThatSendANameAndThenNothingAreDroppedAndTheirNamesFreed() throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, c -> c.textIdleTimeout(Duration.ofSeconds(1)))) {
            TestClient watcher = harness.join("watcher");
            for (int i = 0; i < 5; i++) {
                TestClient squatter = harness.connect();
                squatter.sendRaw("squat" + i + "\n");
                assertTrue(squatter.nextLine().startsWith("* welcome squat" + i));
            }
            TestClient talker = harness.connect();
            talker.sendRaw("talker\n");
            assertTrue(talker.nextLine().startsWith("* welcome talker"));
            long start = System.nanoTime();
            Thread keepTalking = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        talker.sendRaw("\n"); // an empty line keeps a text session
                        Thread.sleep(200); // well inside the 1 s idle timeout, on a loaded machine too
                    }
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            for (int i = 0; i < 5; i++) {
                UserLeft left = watcher.answeringPings().expect(UserLeft.class);
                assertEquals(LeaveReason.TIMED_OUT, left.reason());
                assertTrue(left.name().startsWith("squat"), "the talker stays: " + left);
            }
            keepTalking.interrupt();
            assertTrue(System.nanoTime() - start < AttackHarness.scaled(Duration.ofSeconds(5)).toNanos());
            await().atMost(AttackHarness.scaled(Duration.ofSeconds(5)))
                    .until(() -> harness.server().connectionCount() == 2 + 2); // the witnesses, watcher and talker
            TestClient again = harness.connect();
            again.sendRaw("squat0\n");
            assertTrue(again.nextLine().startsWith("* welcome squat0"), "the name is free again");
            harness.assertSurvived();
        }
    }

    @Test
    void keepaliveFindsAVanishedPeerWithinTheIdleBound() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            Sockets.keepAlive(accepted, Duration.ofSeconds(60));
            assertTrue(accepted.getKeepAlive());
            int idle = accepted.getOption(ExtendedSocketOptions.TCP_KEEPIDLE);
            int interval = accepted.getOption(ExtendedSocketOptions.TCP_KEEPINTERVAL);
            int count = accepted.getOption(ExtendedSocketOptions.TCP_KEEPCOUNT);
            assertEquals(30, idle);
            assertTrue(idle + interval * count <= 60, idle + " + " + interval + " x " + count);
            assertTrue(client.isConnected());
        }
    }
}
