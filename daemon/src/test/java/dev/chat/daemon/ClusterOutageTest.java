package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.ClusterState;
import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cluster whose Redis goes away and comes back: what the nodes refuse, tell and keep. */
@Timeout(90)
class ClusterOutageTest {
    private static final int BURST = 200;

    @TempDir
    Path dir;

    @Test
    void withRedisDownNewNamesAndMessagesAreRefusedTypedTheUsersAreToldAndAllRecoversWithoutARestart() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.join(a, "alice");
            TestClient bob = cluster.join(b, "bob");
            assertEquals("bob", alice.expect(UserJoined.class).name());
            alice.send(new Away(50, "lunch"));
            alice.expect(Ok.class);
            bob.expect(UserAway.class);

            cluster.redis.stop(true);
            assertEquals(ClusterStatusText.DEGRADED, ClusterTest.status(bob, ClusterState.DEGRADED).message());
            TestClient erin = cluster.connect(b);
            erin.send(new Hello(1, "erin", 1, "test"));
            assertEquals(ErrorCode.CLUSTER_UNAVAILABLE, erin.expect(ErrorFrame.class).code());
            bob.send(new Send(2, "all", "anyone?"));
            assertEquals(ErrorCode.CLUSTER_UNAVAILABLE, bob.expect(ErrorFrame.class).code());

            cluster.redis.launch(); // empty: no persistence in this one
            ClusterTest.status(bob, ClusterState.OK);
            ClusterTest.status(alice, ClusterState.OK);
            erin.send(new Hello(3, "erin", 1, "test"));
            assertEquals("erin", erin.expect(Welcome.class).name());
            long[] id = {100};
            await().atMost(ClusterTest.PATIENCE).until(() -> {
                alice.send(new ListUsers(++id[0]));
                return alice.expect(UserList.class).users().equals(List.of("alice", "bob", "erin"));
            });
            await().atMost(ClusterTest.PATIENCE).until(() -> {
                erin.send(new ListUsers(++id[0]));
                return Map.of("alice", "lunch").equals(erin.expect(UserList.class).away());
            });
            bob.send(new Send(4, "all", "back"));
            assertEquals(2, bob.expect(Sent.class).recipients(), "erin here and alice on the other node");
            assertEquals("back", alice.expect(Message.class).text());
        }
    }

    @Test
    void aRedisRestartInTheMiddleOfABurstLosesNoAcknowledgedMessageAndDuplicatesNone() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, true)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.join(a, "alice");
            TestClient bob = cluster.join(b, "bob");
            assertEquals("bob", alice.expect(UserJoined.class).name());
            List<Long> received = new CopyOnWriteArrayList<>();
            List<ClusterState> told = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofVirtual().start(() -> collect(bob, received, told));

            Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            Thread restart = null;
            int refused = 0;
            long re = 0;
            while (re < BURST || restart.isAlive() || !acknowledgedAfter(acknowledged, re, refused)) {
                re++;
                if (re == BURST / 4) {
                    restart = Thread.ofVirtual().start(() -> restartRedis(cluster));
                }
                ServerFrame answer = send(alice, re);
                if (answer instanceof Sent sent) {
                    acknowledged.put(sent.id(), "m" + re);
                } else {
                    assertEquals(ErrorCode.CLUSTER_UNAVAILABLE, ((ErrorFrame) answer).code(), answer.toString());
                    refused++;
                }
                assertTrue(re < 100 * BURST, "the cluster never came back");
            }
            await().atMost(ClusterTest.PATIENCE).until(() -> received.containsAll(acknowledged.keySet()));
            assertEquals(received.size(), new HashSet<>(received).size(), "no message twice");
            assertEquals(received.stream().sorted().toList(), received, "in id order");
            await().atMost(ClusterTest.PATIENCE).until(() -> told.equals(List.of(ClusterState.DEGRADED, ClusterState.OK)));
            reader.interrupt();
        }
    }

    /** Whether the last send was acknowledged (the cluster is back), or nothing was refused at all. */
    private static boolean acknowledgedAfter(Map<Long, String> acknowledged, long re, int refused) {
        return acknowledged.containsValue("m" + re) || refused == 0;
    }

    private static ServerFrame send(TestClient alice, long re) throws IOException {
        alice.send(new Send(re, "all", "m" + re));
        while (true) {
            ServerFrame frame = alice.next();
            if (frame instanceof Sent s && s.re() == re || frame instanceof ErrorFrame e && e.re() != null && e.re() == re) {
                return frame;
            }
        }
    }

    private static void restartRedis(ClusterNodes cluster) {
        try {
            cluster.redis.stop(false); // a clean shutdown: with appendfsync always, every acknowledged write is on disk
            cluster.redis.launch();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(TestClient bob, List<Long> received, List<ClusterState> told) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                switch (bob.next()) {
                    case Message m when !m.isHistory() -> received.add(m.id());
                    case ClusterStatus s -> told.add(s.state());
                    default -> { }
                }
            }
        } catch (IOException e) {
            // the test is over (closed), or a read timed out: the assertions say what is missing
        }
    }

    /** The texts of the cluster event, as PROTOCOL.md 6.11 gives them. */
    static final class ClusterStatusText {
        static final String DEGRADED =
                "the cluster is unreachable: you stay connected, but messages and new names are refused until it is back";
    }
}
