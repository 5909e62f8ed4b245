package dev.chat.daemon;

import dev.chat.wire.ErrorCode;
import dev.chat.wire.JsonCodec;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserLeft;
import dev.chat.wire.frame.UserList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attacks on the daemon's time and memory: slowloris, a message flood, and clients that never
 * read. Each attacker gets its documented treatment while the {@link Witness} keeps talking.
 */
final class ResourceAttacksTest extends LoopbackFixture {

    /**
     * 200 connections send one byte a second and never finish a hello: the first-line deadline
     * (10 s) is not extended by the trickle, each gets HELLO_TIMEOUT and is closed.
     */
    @Test
    @Timeout(40)
    void slowlorisConnectionsAreDroppedAtTheHelloDeadline() throws Exception {
        start();
        try (Witness witness = new Witness(this)) {
            int count = 200;
            List<Socket> sockets = new ArrayList<>();
            long began = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                sockets.add(socket);
            }
            byte[] trickle = "{\"type\":\"hello\",\"id\":1,\"name\":\"slow\",\"version\":1,\"client\":\"loris\"".getBytes(StandardCharsets.UTF_8);
            AtomicInteger open = new AtomicInteger(count);
            boolean[] closed = new boolean[count];
            for (int second = 0; open.get() > 0 && second < 20; second++) {
                for (int i = 0; i < count; i++) {
                    if (!closed[i]) {
                        try {
                            OutputStream out = sockets.get(i).getOutputStream();
                            out.write(trickle[second % trickle.length]);
                            out.flush();
                        } catch (IOException e) {
                            closed[i] = true;
                            open.decrementAndGet();
                        }
                    }
                }
                witness.assertHealthy();
                if (second >= 9) {
                    // from the deadline on, read what each got: one HELLO_TIMEOUT error, then the end
                    for (int i = 0; i < count; i++) {
                        if (!closed[i] && endedWithHelloTimeout(sockets.get(i))) {
                            closed[i] = true;
                            open.decrementAndGet();
                        }
                    }
                }
                Thread.sleep(1000); // the attack's own pace: one byte per second
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.println("ResourceAttacksTest: " + "slowloris: 200 connections dropped after " + seconds + " s");
            assertEquals(0, open.get(), "connections still open after " + seconds + " s");
            assertTrue(seconds < 16, "the trickle extended the deadline: " + seconds + " s");
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 2);
            witness.awaitMessages(3);
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Reads whatever the daemon sent (briefly); true if it was HELLO_TIMEOUT followed by the end. */
    private static boolean endedWithHelloTimeout(Socket socket) throws IOException {
        socket.setSoTimeout(50);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            for (int b; (b = in.read()) >= 0; ) {
                got.write(b);
            }
        } catch (java.net.SocketTimeoutException e) {
            return false; // not closed yet
        } catch (IOException e) {
            // reset after the error: fine, the error was read first or the test reads it below
        }
        String text = got.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"code\":\"HELLO_TIMEOUT\""), () -> "got: " + text);
        return true;
    }

    /**
     * 10,000 messages in one second from one client: the first burst is delivered, the rest are
     * answered RATE_LIMITED and dropped, the flooder stays connected, and the witness is not slowed.
     */
    @Test
    @Timeout(30)
    void aFloodOfTenThousandMessagesInASecondIsRateLimited() throws Exception {
        start();
        try (Witness witness = new Witness(this)) {
            TestClient flooder = join("flooder");
            AtomicInteger limited = new AtomicInteger();
            AtomicInteger listed = new AtomicInteger();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        ServerFrame frame = flooder.next();
                        if (frame instanceof ErrorFrame e && e.code() == ErrorCode.RATE_LIMITED) {
                            limited.incrementAndGet();
                        } else if (frame instanceof UserList) {
                            listed.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            long id = 1000;
            for (int tenth = 0; tenth < 10; tenth++) {
                batch.reset();
                for (int i = 0; i < 1000; i++) {
                    batch.write(JsonCodec.instance().encodeFrame(new Send(id++, "all", "flood " + id)));
                }
                flooder.sendRaw(batch.toByteArray());
                Thread.sleep(100); // the attack's own pace: ten batches of 1,000 spread over one second
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> limited.get() >= 9_900);
            witness.assertHealthy();
            await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> {
                flooder.send(new ListUsers(flooder.nextId())); // still connected, served once the bucket refills
                return listed.get() > 0;
            });
            assertTrue(limited.get() <= 10_000 - 50 + 5, "more were refused than the burst allows: " + limited.get());
            witness.awaitMessages(3);
            flooder.close();
            reader.join(5000);
        }
    }

    /**
     * 50 clients that join and never read while broadcasts flow: the broadcasts wait for them in the
     * room (held once for everyone, within the room budget), their writers make no progress, and the
     * watchdog kicks each one ("kicked: send queue full") after the stall timeout; the room's events
     * are then freed. The heap stays within the bounds and returns to where it was.
     */
    @Test
    @Timeout(60)
    void fiftyClientsThatNeverReadAreKickedAndMemoryStaysBounded() throws Exception {
        DeliveryLimits d = DeliveryLimits.DEFAULTS;
        start(crowdConfig().rateLimit(0, 1).delivery(new DeliveryLimits(d.queueFrames(), d.queueBytes(),
                d.softQueueBytes(), Duration.ofSeconds(3), d.roomBytes(), d.memoryBytes(), 0, 0, d.socketSendBuffer())));
        try (Witness witness = new Witness(this)) {
            long baseline = LeakProbe.heapAfterGc();
            int count = 50;
            for (int i = 0; i < count; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096); // so the daemon's queue, not the kernel, holds the backlog
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                TestClient sleeper = track(new TestClient(socket));
                sleeper.send(new dev.chat.wire.frame.Hello(1, "sleeper" + i, 1, "test"));
                sleeper.expect(dev.chat.wire.frame.Welcome.class);
            }
            TestClient blaster = join("blaster");
            AtomicInteger kicked = new AtomicInteger();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        if (blaster.next() instanceof UserLeft left && left.name().startsWith("sleeper")) {
                            assertEquals(LeaveReason.KICKED_SEND_QUEUE_FULL, left.reason());
                            kicked.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            String text = "b".repeat(4000);
            long peak = 0;
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (kicked.get() < count && System.nanoTime() < deadline) {
                // ~500 broadcasts/s (2 MB/s to each reader): the witness keeps up, sleepers fill up
                for (int i = 0; i < 10; i++) {
                    blaster.send(new Send(blaster.nextId(), "all", text));
                    sent++;
                }
                if (sent % 200 == 0) {
                    peak = Math.max(peak, LeakProbe.heapAfterGc());
                }
                witness.assertHealthy();
                Thread.sleep(20); // the broadcast pace, so the readers keep up while the non-readers fill
            }
            assertEquals(count, kicked.get(), "kicked after " + sent + " broadcasts");
            long bound = DeliveryLimits.DEFAULTS.roomBytes() + (64L << 20); // the room full, plus slack for the JVM
            assertTrue(peak - baseline < bound, "heap grew by " + (peak - baseline) + " bytes");
            await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() == 3);
            long after = LeakProbe.heapAfterGc();
            System.out.println("ResourceAttacksTest: " + "never-readers: " + sent + " broadcasts; heap baseline " + baseline
                    + ", peak " + peak + ", after " + after);
            assertTrue(after - baseline < (32L << 20), "the kicked queues were not freed: +" + (after - baseline));
            witness.awaitMessages(3);
            blaster.close();
            reader.join(5000);
        }
    }
}
