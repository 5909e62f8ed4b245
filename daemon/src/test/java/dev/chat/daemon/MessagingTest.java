package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.Bye;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Quit;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.Shutdown;
import dev.chat.wire.frame.UserJoined;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(20)
class MessagingTest extends LoopbackFixture {
    @Test
    void aPrivateMessageReachesItsTargetAndTheSenderGetsSent() throws IOException {
        start();
        TestClient alice = join("alice");
        TestClient bob = join("bob");
        alice.send(new Send(10, "BOB", "hi bob"));
        Message message = bob.expect(Message.class);
        assertEquals("alice", message.from());
        assertEquals("bob", message.to());
        assertEquals("hi bob", message.text());
        Sent sent = alice.expect(Sent.class);
        assertEquals(10, sent.re());
        assertEquals("bob", sent.to());
        assertEquals(1, sent.recipients());
        assertEquals(message.ts(), sent.ts());
    }

    @Test
    void aBroadcastReachesEveryoneElseAndCountsThem() throws IOException {
        start();
        TestClient alice = join("alice");
        TestClient bob = join("bob");
        TestClient carol = join("carol");
        alice.send(new Send(1, "all", "hello all"));
        assertEquals("all", bob.expect(Message.class).to());
        assertEquals("hello all", carol.expect(Message.class).text());
        Sent sent = alice.expect(Sent.class);
        assertEquals(2, sent.recipients());
        assertEquals("all", sent.to());
    }

    @Test
    void othersSeeJoinsAndLeavesAndQuitEndsWithBye() throws IOException {
        start();
        TestClient alice = join("alice");
        TestClient bob = join("bob");
        assertEquals(new UserJoined("bob"), alice.expect(UserJoined.class));
        bob.send(new Quit(5));
        assertEquals(new Bye(5), bob.next());
        assertTrue(bob.closedByDaemon());
        assertEquals(new UserLeft("bob", LeaveReason.QUIT), alice.expect(UserLeft.class));
    }

    @Test
    void aNameIsTakenWhateverItsCaseOrWidthAndTheClientMayRetry() throws IOException {
        start();
        join("Alice");
        TestClient other = connect();
        long id = 1;
        for (String variant : List.of("Alice", "ALICE", "Ａｌｉｃｅ")) {
            other.send(new Hello(id, variant, 1, "test"));
            ErrorFrame error = other.expect(ErrorFrame.class);
            assertEquals(ErrorCode.NAME_TAKEN, error.code());
            assertEquals(id++, error.re());
        }
        other.send(new Hello(id, "all", 1, "test"));
        assertEquals(ErrorCode.NAME_INVALID, other.expect(ErrorFrame.class).code());
        other.send(new Hello(id + 1, "alice2", 1, "test"));
        assertEquals(List.of("Alice", "alice2"), other.expect(Welcome.class).users());
    }

    @Test
    void ofAHundredSocketsRacingForOneNameExactlyOneIsWelcomed() throws Exception {
        start(crowdConfig());
        int racers = 100;
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            clients.add(connect());
        }
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ServerFrame>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                TestClient client = clients.get(i);
                String spelling = i % 2 == 0 ? "racer" : "RACER";
                answers.add(pool.submit(() -> {
                    go.await();
                    client.send(new Hello(1, spelling, 1, "test"));
                    return client.next();
                }));
            }
            go.countDown();
            int welcomes = 0;
            for (Future<ServerFrame> answer : answers) {
                ServerFrame frame = answer.get(10, TimeUnit.SECONDS);
                if (frame instanceof Welcome) {
                    welcomes++;
                } else {
                    assertEquals(ErrorCode.NAME_TAKEN, assertInstanceOf(ErrorFrame.class, frame).code());
                }
            }
            assertEquals(1, welcomes);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badSendsAreAnsweredWithTypedErrorsAndTheSessionGoesOn() throws IOException {
        start();
        TestClient alice = join("alice");
        alice.send(new Send(1, "dave", "hi"));
        assertEquals(new ErrorFrame(1L, ErrorCode.UNKNOWN_TARGET, "no user 'dave' online"), alice.next());
        alice.sendRaw("{\"type\":\"send\",\"id\":2,\"to\":\"alice\",\"text\":\"\"}\n");
        ErrorFrame empty = assertInstanceOf(ErrorFrame.class, alice.next());
        assertEquals(ErrorCode.EMPTY_MESSAGE, empty.code());
        assertEquals(2L, empty.re());
        alice.sendRaw("{\"type\":\"send\",\"id\":3,\"to\":\"alice\",\"text\":\"" + "é".repeat(2049) + "\"}\n");
        ErrorFrame tooLong = assertInstanceOf(ErrorFrame.class, alice.next());
        assertEquals(ErrorCode.MESSAGE_TOO_LONG, tooLong.code());
        assertEquals(3L, tooLong.re());
        alice.send(new Ping(4));
        assertEquals(new Pong(4), alice.next());
    }

    @Test
    void theWelcomeIsPagedWhenMoreThan256UsersAreOnline() throws IOException {
        start(crowdConfig());
        for (int i = 0; i < 260; i++) {
            join("user" + i);
        }
        TestClient last = connect();
        last.send(new Hello(77, "last", 1, "test"));
        Welcome welcome = assertInstanceOf(Welcome.class, last.next());
        assertEquals(256, welcome.users().size());
        assertTrue(welcome.more());
        UserList rest = assertInstanceOf(UserList.class, last.next());
        assertEquals(77, rest.re());
        assertFalse(rest.more());
        assertEquals(5, rest.users().size());
        last.send(new ListUsers(78));
        UserList first = assertInstanceOf(UserList.class, last.next());
        assertTrue(first.more());
        assertEquals(256, first.users().size());
        UserList second = assertInstanceOf(UserList.class, last.next());
        assertEquals(78, second.re());
        assertFalse(second.more());
    }

    @Test
    void closingTheServerTellsEveryoneAndClosesTheirConnections() throws IOException {
        start();
        TestClient alice = join("alice");
        TestClient idle = connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 2);
        server.close();
        assertEquals(new Shutdown("server shutting down"), alice.expect(Shutdown.class));
        assertTrue(alice.closedByDaemon());
        assertEquals("{\"type\":\"shutdown\",\"message\":\"server shutting down\"}", idle.nextLine(),
                "a connection that has sent nothing yet is told too, in JSON");
        assertTrue(idle.closedByDaemon());
    }
}
