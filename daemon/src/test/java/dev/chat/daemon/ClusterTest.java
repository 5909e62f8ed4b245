package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Away;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ClusterState;
import dev.chat.wire.frame.ClusterStatus;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ok;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Register;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserAway;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two chatd nodes in this JVM sharing a real redis-server (skipped, saying so, when it is not
 * installed): what a user on one node sees of the other. The Redis outage cases are in
 * {@link ClusterOutageTest}, a node killed with -9 in {@code ClusterKillIT}.
 */
@Timeout(60)
class ClusterTest {
    @TempDir
    Path dir;

    @Test
    void aBroadcastAndAPrivateMessageCrossNodesWithTheSameFramesAndAClusterWideCount() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.join(a, "alice");
            TestClient bob = cluster.connect(b);
            bob.send(new Hello(1, "bob", 1, "test"));
            assertEquals(List.of("alice", "bob"), bob.expect(Welcome.class).users(), "B's welcome lists A's users");
            assertEquals("bob", alice.expect(UserJoined.class).name());
            TestClient carol = cluster.join(b, "carol");
            assertEquals("carol", alice.expect(UserJoined.class).name());

            alice.send(new Send(2, "all", "hello cluster"));
            Sent sent = alice.expect(Sent.class);
            assertEquals(2, sent.recipients(), "bob and carol, both on the other node");
            for (TestClient reader : List.of(bob, carol)) {
                Message m = reader.expect(Message.class);
                assertEquals(List.of("alice", "all", "hello cluster", sent.id()), List.of(m.from(), m.to(), m.text(), m.id()));
            }

            bob.send(new Send(3, "ALICE", "psst"));
            Sent privately = bob.expect(Sent.class);
            assertEquals(List.of("alice", 1), List.of(privately.to(), privately.recipients()));
            Message dm = alice.expect(Message.class);
            assertEquals(List.of("bob", "alice", "psst", privately.id()), List.of(dm.from(), dm.to(), dm.text(), dm.id()));
            assertTrue(privately.id() > sent.id(), "one id sequence for the cluster");

            alice.send(new ListUsers(4));
            assertEquals(List.of("alice", "bob", "carol"), alice.expect(UserList.class).users());
        }
    }

    @Test
    void anActionCrossesNodesWithItsFlagAndAnAwayStateIsSeenOnEveryNodeUntilTheUserLeaves() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.join(a, "alice");
            TestClient bob = cluster.join(b, "bob");
            assertEquals("bob", alice.expect(UserJoined.class).name());

            alice.send(new Send(2, "all", "waves", true));
            Message room = bob.expect(Message.class);
            assertEquals(List.of("waves", true), List.of(room.text(), room.isAction()), "a broadcast action");
            alice.send(new Send(3, "bob", "nods", true));
            Message dm = bob.expect(Message.class);
            assertEquals(List.of("bob", "nods", true), List.of(dm.to(), dm.text(), dm.isAction()), "a private action");

            alice.send(new Away(4, "lunch"));
            alice.expect(Ok.class);
            UserAway away = bob.expect(UserAway.class);
            assertEquals(List.of("alice", "lunch"), List.of(away.name(), away.reason()));
            bob.send(new ListUsers(5));
            TestClient carol = cluster.connect(b);
            carol.send(new Hello(1, "carol", 1, "test"));
            assertEquals(Map.of("alice", "lunch"), carol.expect(Welcome.class).away(), "a joiner's welcome on B");
            alice.send(new Quit(6));
            alice.expect(Bye.class);
            List<ServerFrame> untilLeft = new ArrayList<>();
            do {
                untilLeft.add(bob.next());
            } while (!(untilLeft.getLast() instanceof UserLeft));
            assertTrue(untilLeft.stream().noneMatch(UserAway.class::isInstance), "user_away once: " + untilLeft);
            assertEquals(List.of(Map.of("alice", "lunch")), untilLeft.stream().filter(UserList.class::isInstance)
                    .map(f -> ((UserList) f).away()).toList(), "B's user list");
            bob.send(new ListUsers(7));
            UserList after = bob.expect(UserList.class);
            assertEquals(List.of(List.of("bob", "carol"), Map.of()),
                    List.of(after.users(), after.away() == null ? Map.of() : after.away()), "the state ended with the session");
        }
    }

    @Test
    void everyNodeSeesTheRoomInOneOrderWhileBothNodesBroadcast() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.join(a, "alice");
            TestClient bob = cluster.join(b, "bob");
            TestClient olga = cluster.join(a, "olga");
            TestClient oscar = cluster.join(b, "oscar");
            int each = 50;
            try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                for (TestClient sender : List.of(alice, bob)) {
                    senders.submit(() -> {
                        for (int i = 1; i <= each; i++) {
                            sender.send(new Send(i, "all", "m" + i));
                        }
                        return null;
                    });
                }
            }
            List<Long> atA = roomIds(olga, 2 * each);
            List<Long> atB = roomIds(oscar, 2 * each);
            assertEquals(atA, atB, "one order on both nodes");
            assertEquals(atA.stream().sorted().distinct().toList(), atA, "in id order, each once");
        }
    }

    @Test
    void ofAHundredClientsRacingForOneNameOnTwoNodesExactlyOneWins() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            List<ChatServer> nodes = List.of(cluster.node("a"), cluster.node("b"));
            List<TestClient> racers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                racers.add(cluster.connect(nodes.get(i % 2)));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ServerFrame>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (TestClient racer : racers) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        racer.send(new Hello(1, "Zed", 1, "test"));
                        return racer.next();
                    }));
                }
                go.countDown();
            }
            int won = 0;
            for (Future<ServerFrame> answer : answers) {
                ServerFrame frame = answer.get();
                if (frame instanceof Welcome) {
                    won++;
                } else {
                    assertEquals(ErrorCode.NAME_TAKEN, assertInstanceOf(ErrorFrame.class, frame).code());
                }
            }
            assertEquals(1, won);
        }
    }

    @Test
    void theHistoryIsTheSameOnBothNodesAndARegisteredNameIsProtectedOnTheOther() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.join(a, "alice");
            for (int i = 1; i <= 3; i++) {
                alice.send(new Send(i, "all", "before " + i));
                alice.expect(Sent.class);
            }
            TestClient dave = cluster.connect(b);
            dave.send(new Hello(1, "dave", 1, "test"));
            assertEquals(3, dave.expect(Welcome.class).historyCount());
            List<String> replay = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                replay.add(dave.expect(Message.class).text());
            }
            assertEquals(List.of("before 1", "before 2", "before 3"), replay);

            alice.send(new Register(10, "correct horse"));
            alice.expect(Ok.class);
            alice.send(new Quit(11));
            alice.expect(Bye.class);
            TestClient impostor = cluster.connect(b);
            impostor.send(new Hello(1, "Alice", 1, "test"));
            assertEquals(ErrorCode.PASSWORD_REQUIRED, impostor.expect(ErrorFrame.class).code());
            impostor.send(new Hello(2, "alice", 1, "test", "correct horse", null, null));
            assertEquals("alice", impostor.expect(Welcome.class).name(), "the password works on the other node");
        }
    }

    @Test
    void aSessionThatLostItsNodeResumesOnAnotherWithItsTokenAndNobodyElseGetsTheName() throws Exception {
        try (ClusterNodes cluster = ClusterNodes.start(dir, false)) {
            ChatServer a = cluster.node("a");
            ChatServer b = cluster.node("b");
            TestClient alice = cluster.connect(a);
            alice.send(new Hello(1, "alice", 1, "test"));
            String token = alice.expect(Welcome.class).resumeToken();
            TestClient bob = cluster.join(b, "bob");
            alice.expect(UserJoined.class);
            alice.reset(); // connection lost: node A holds the name for its token
            TestClient impostor = cluster.connect(b);
            impostor.send(new Hello(1, "alice", 1, "test"));
            assertEquals(ErrorCode.NAME_TAKEN, impostor.expect(ErrorFrame.class).code());
            TestClient back = cluster.connect(b);
            back.send(new Hello(1, "alice", 1, "test", null, token, null));
            assertEquals("alice", back.expect(Welcome.class).name(), "the token is honoured on node B");
            back.send(new ListUsers(2));
            assertEquals(List.of("alice", "bob"), back.expect(UserList.class).users());
        }
    }

    /** The next {@code n} live room messages' ids, other frames skipped. */
    static List<Long> roomIds(TestClient reader, int n) throws IOException {
        List<Long> ids = new ArrayList<>();
        while (ids.size() < n) {
            if (reader.next() instanceof Message m && "all".equals(m.to()) && !m.isHistory()) {
                ids.add(m.id());
            }
        }
        return ids;
    }

    static ClusterStatus status(TestClient reader, ClusterState state) throws IOException {
        while (true) {
            if (reader.next() instanceof ClusterStatus s && s.state() == state) {
                return s;
            }
        }
    }

    static final Duration PATIENCE = AttackHarness.scaled(Duration.ofSeconds(15));
}
