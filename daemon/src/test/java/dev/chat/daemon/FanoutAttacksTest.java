package dev.chat.daemon;

import dev.chat.wire.frame.FileList;
import dev.chat.wire.frame.LeaveReason;
import dev.chat.wire.frame.ListFiles;
import dev.chat.wire.frame.ListUsers;
import dev.chat.wire.frame.Message;
import dev.chat.wire.frame.Send;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.UserLeft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 rows 4, 6, 7, 8 and 10: fan-out is the amplifier. Floods slow their senders (fakelag,
 * paced delivery), the room holds broadcasts once for everyone, and long answers are paged against
 * the asker's own budget; a reader is kicked only when it does not read. Two witnesses keep
 * talking throughout and must not notice.
 */
class FanoutAttacksTest {
    private static final String BIG = "x".repeat(4000);
    /** How long a calm reader takes per frame: slower than a loopback flood arrives. */
    private static final Duration READER_PACE = Duration.ofMillis(1);

    /**
     * Row 6: 10 connections x 48 broadcasts of 4,000 B inside their flood-limit burst, to 40 calm
     * readers: 10 MB of fan-out per attacker against a budget of 1 MiB at once and 2 MiB/s, so each
     * attacker must go unread for about 4.5 s in all.
     */
    @Test
    @Timeout(90)
    void aBroadcastFloodSlowsItsSendersAndKicksNoCalmReader(@TempDir Path files) throws Exception {
        DeliveryLimits d = DeliveryLimits.DEFAULTS;
        DeliveryLimits fanout = new DeliveryLimits(d.queueFrames(), d.queueBytes(), d.softQueueBytes(), d.stallTimeout(),
                d.roomBytes(), d.memoryBytes(), 2 << 20, 1 << 20, d.socketSendBuffer());
        try (AttackHarness harness = AttackHarness.start(files, config -> crowd(config).rateLimit(20, 50)
                .delivery(fanout))) {
            List<CalmReader> readers = calmReaders(harness, 40);
            List<TestClient> attackers = clients(harness, "flood", 10);
            long started = System.nanoTime();
            for (TestClient attacker : attackers) {
                Thread.ofVirtual().start(() -> sendQuietly(attacker, "all", 48));
            }
            int total = 10 * 48;
            await().atMost(AttackHarness.scaled(Duration.ofSeconds(60))).until(() -> readers.get(0).messages.get() >= total);
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            for (CalmReader reader : readers) {
                await().atMost(AttackHarness.scaled(Duration.ofSeconds(20))).until(() -> reader.messages.get() >= total);
                assertTrue(reader.alive(), "a calm reader was kicked");
            }
            assertTrue(seconds >= 3, "the flood was not slowed: " + total + " broadcasts in " + seconds + " s");
            assertTrue(readers.get(0).kicks.isEmpty(), "kicked: " + readers.get(0).kicks);
            harness.assertSurvived();
        }
    }

    /** Row 7: the same flood sent privately to one calm user. */
    @Test
    @Timeout(90)
    void aPrivateFloodAtOneUserWaitsForItAndLosesNothing(@TempDir Path files) throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, config -> crowd(config).rateLimit(20, 50))) {
            CalmReader victim = calmReaders(harness, 1).get(0);
            List<TestClient> attackers = clients(harness, "flood", 20);
            for (TestClient attacker : attackers) {
                Thread.ofVirtual().start(() -> sendQuietly(attacker, victim.name, 48));
            }
            await().atMost(AttackHarness.scaled(Duration.ofSeconds(60))).until(() -> victim.messages.get() >= 20 * 48);
            assertTrue(victim.alive(), "the victim was kicked");
            assertEquals(20 * 48, victim.messages.get(), "every message arrived once");
            harness.assertSurvived();
        }
    }

    /**
     * Row 4: sessions that ask for the user list over and over and never read. Each one's reader
     * stops at its own soft bound (the daemon stops reading it), memory stays within the bounds,
     * and the watchdog kicks them for not reading.
     */
    @Test
    @Timeout(90)
    void askersThatNeverReadHoldBoundedMemoryAndAreKicked(@TempDir Path files) throws Exception {
        DeliveryLimits limits = DeliveryLimits.DEFAULTS;
        limits = new DeliveryLimits(limits.queueFrames(), limits.queueBytes(), limits.softQueueBytes(),
                Duration.ofSeconds(2), limits.roomBytes(), limits.memoryBytes(), limits.fanoutPerSecond(),
                limits.fanoutBurst(), limits.socketSendBuffer());
        DeliveryLimits tuned = limits;
        try (AttackHarness harness = AttackHarness.start(files, config -> crowd(config).rateLimit(0, 1).delivery(tuned))) {
            ChatServer server = harness.server();
            calmReaders(harness, 100); // a user list of ~1.5 KB
            int askers = 40;
            List<TestClient> sleepers = new ArrayList<>();
            for (int i = 0; i < askers; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                TestClient sleeper = harness.track(new TestClient(socket));
                sleeper.send(new dev.chat.wire.frame.Hello(1, "asker" + i, 1, "test"));
                sleeper.expect(dev.chat.wire.frame.Welcome.class);
                sleepers.add(sleeper);
            }
            for (TestClient sleeper : sleepers) {
                Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 2000; i++) {
                            sleeper.send(new ListUsers(sleeper.nextId()));
                        }
                    } catch (IOException e) {
                        // kicked: the daemon closed the socket
                    }
                });
            }
            long peak = 0;
            long deadline = System.nanoTime() + AttackHarness.scaled(Duration.ofSeconds(30)).toNanos();
            while (server.registry().size() > 102 && System.nanoTime() < deadline) {
                peak = Math.max(peak, server.queuedBytes());
                Thread.sleep(50); // samples the queued bytes while the askers are being kicked
            }
            assertEquals(102, server.registry().size(), "the askers were not kicked");
            long bound = askers * (limits.softQueueBytes() + (64 << 10));
            assertTrue(peak <= bound, "queued " + peak + " bytes, bound " + bound);
            harness.assertSurvived();
        }
    }

    /**
     * Row 8: a burst of 500 joins (every join is announced to everyone: 125,000 events, all read by
     * clients in this same JVM); calm users go on talking.
     */
    @Test
    @Timeout(90)
    void aJoinStormDoesNotStallCalmUsers(@TempDir Path files) throws Exception {
        try (AttackHarness harness = AttackHarness.start(files, FanoutAttacksTest::crowd)) {
            List<CalmReader> readers = calmReaders(harness, 500);
            assertEquals(502, harness.server().registry().size());
            assertTrue(readers.stream().allMatch(CalmReader::alive));
            harness.assertSurvived();
        }
    }

    /** Row 10: a share of 10,000 files (1.2 MB of listing) reaches a reader page by page. */
    @Test
    @Timeout(90)
    void aListingLargerThanTheQueueIsPagedAndNobodyIsKicked(@TempDir Path files) throws Exception {
        String padding = "f".repeat(100);
        for (int i = 0; i < 10_000; i++) {
            Files.createFile(files.resolve(padding + i));
        }
        try (AttackHarness harness = AttackHarness.start(files, FanoutAttacksTest::crowd)) {
            TestClient asker = harness.join("asker");
            asker.send(new ListFiles(asker.nextId()));
            int entries = 0;
            for (boolean more = true; more; ) {
                FileList page = asker.expect(FileList.class);
                entries += page.files().size();
                more = page.more();
            }
            assertEquals(10_000, entries);
            harness.assertSurvived();
        }
    }

    /**
     * Every client of these tests comes from 127.0.0.1, so the per-source limits (their own test:
     * SourceLimitsTest) are lifted; what is tested here is what one connection's traffic costs others.
     */
    private static DaemonConfig.Builder crowd(DaemonConfig.Builder config) {
        return config.sources(SourceLimits.DEFAULTS.exemptAll());
    }

    /** A joined client that reads everything at {@link #READER_PACE} per frame and counts. */
    private static final class CalmReader {
        final String name;
        final TestClient client;
        final AtomicInteger messages = new AtomicInteger();
        final ConcurrentLinkedQueue<String> kicks = new ConcurrentLinkedQueue<>();
        volatile boolean closed;

        CalmReader(AttackHarness harness, String name) throws IOException {
            this.name = name;
            this.client = harness.join(name).answeringPings();
            Thread.ofVirtual().start(this::read);
        }

        private void read() {
            try {
                while (true) {
                    ServerFrame frame;
                    try {
                        frame = client.next();
                    } catch (SocketTimeoutException quiet) {
                        continue;
                    }
                    if (frame instanceof Message) {
                        messages.incrementAndGet();
                        Thread.sleep(READER_PACE);
                    } else if (frame instanceof UserLeft left && left.reason() == LeaveReason.KICKED_SEND_QUEUE_FULL) {
                        kicks.add(left.name());
                    }
                }
            } catch (IOException | InterruptedException e) {
                closed = true;
            }
        }

        boolean alive() {
            return !closed;
        }
    }

    private List<CalmReader> calmReaders(AttackHarness harness, int count) throws IOException {
        List<CalmReader> readers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readers.add(new CalmReader(harness, "calm" + i));
        }
        return readers;
    }

    private static List<TestClient> clients(AttackHarness harness, String prefix, int count) throws IOException {
        List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TestClient client = harness.join(prefix + i);
            Thread.ofVirtual().start(() -> drain(client)); // it reads its receipts
            clients.add(client);
        }
        return clients;
    }

    private static void drain(TestClient client) {
        try {
            while (true) {
                try {
                    client.next();
                } catch (SocketTimeoutException quiet) {
                    // nothing to read for a while
                }
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }

    private static void sendQuietly(TestClient client, String to, int count) {
        try {
            for (int i = 0; i < count; i++) {
                client.send(new Send(client.nextId(), to, BIG));
            }
        } catch (IOException e) {
            // closed at the end of the test
        }
    }
}
