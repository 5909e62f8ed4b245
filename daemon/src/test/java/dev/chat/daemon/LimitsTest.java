package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Hello;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Ping;
import dev.chat.wire.frame.Pong;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.Sent;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.Welcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class LimitsTest extends LoopbackFixture {
    @Test
    void aClientThatDoesNotReadIsKickedWhileOthersReceiveEveryBroadcast() throws Exception {
        start(config().rateLimit(0, 0).queueBounds(256, 1 << 20));
        TestClient carol = join("carol");
        Socket slowSocket = new Socket();
        slowSocket.setReceiveBufferSize(4096);
        slowSocket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        TestClient slow = track(new TestClient(slowSocket));
        slow.send(new Hello(1, "slow", 1, "test"));
        TestClient alice = join("alice");
        AtomicBoolean kicked = new AtomicBoolean();
        AtomicInteger received = new AtomicInteger();
        // Own threads: the common pool may have a single worker on two cores.
        Thread carolReads = Thread.ofVirtual().start(() -> readAll(carol, kicked, received));
        // Alice keeps at most 64 sends unanswered: a reader that keeps up (carol) must never fall
        // 256 frames behind, while one that never reads (slow) must fill its queue.
        Semaphore window = new Semaphore(64);
        Thread aliceDrains = Thread.ofVirtual().start(() -> drain(alice, window));
        String text = "x".repeat(4000);
        int sent = 0;
        while (!kicked.get() && sent < 20_000) {
            assertTrue(window.tryAcquire(10, TimeUnit.SECONDS), "alice's sends went unanswered");
            alice.send(new Send(++sent, "all", text));
        }
        assertTrue(kicked.get(), "slow was kicked after " + sent + " messages");
        alice.send(new Send(++sent, "carol", "last"));
        int total = sent;
        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == total);
        carol.close();
        alice.close();
        assertTrue(carolReads.join(Duration.ofSeconds(5)));
        assertTrue(aliceDrains.join(Duration.ofSeconds(5)));
    }

    private static void readAll(TestClient carol, AtomicBoolean kicked, AtomicInteger received) {
        try {
            for (int i = 0; i < 100_000; i++) {
                ServerFrame frame = carol.next();
                if (frame instanceof UserLeft left) {
                    assertEquals(new UserLeft("slow", LeaveReason.KICKED_SEND_QUEUE_FULL), left);
                    kicked.set(true);
                } else if (frame instanceof Message) {
                    received.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    private static void drain(TestClient client, Semaphore window) {
        try {
            for (int i = 0; i < 100_000; i++) {
                if (client.next() instanceof Sent) {
                    window.release();
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    @Test
    void aFloodIsRateLimitedButTheConnectionStays() throws IOException {
        start(config().rateLimit(20, 50));
        TestClient alice = join("alice");
        int flood = 80;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < flood; i++) {
            burst.append("{\"type\":\"ping\",\"id\":").append(100 + i).append("}\n");
        }
        alice.sendRaw(burst.toString());
        int pongs = 0;
        int limited = 0;
        for (int i = 0; i < flood; i++) {
            ServerFrame frame = alice.next();
            if (frame instanceof Pong) {
                pongs++;
            } else {
                ErrorFrame error = assertInstanceOf(ErrorFrame.class, frame);
                assertEquals(ErrorCode.RATE_LIMITED, error.code());
                assertTrue(error.re() >= 100);
                limited++;
            }
        }
        // The hello took one of the 50 tokens.
        assertTrue(pongs >= 49 && limited >= 1, pongs + " pongs, " + limited + " limited");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            alice.send(new Ping(1));
            return alice.next() instanceof Pong;
        });
    }

    @Test
    void overMaxClientsAConnectionGetsServerFullAndAFreedSlotIsReused() throws IOException {
        start(crowdConfig().maxClients(2));
        TestClient first = join("first");
        connect();
        TestClient third = connect();
        assertEquals("{\"type\":\"error\",\"code\":\"SERVER_FULL\",\"message\":\"the server is full\"}", third.nextLine(),
                "exactly the line of PROTOCOL.md 4.1");
        assertTrue(third.closedByDaemon());
        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
        TestClient fourth = connect();
        fourth.send(new Hello(1, "fourth", 1, "test"));
        assertInstanceOf(Welcome.class, fourth.next());
    }
}
