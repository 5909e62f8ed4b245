package dev.chat.daemon;

import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.DatagramWriter;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpReceiver;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.TransferToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile datagrams at the daemon's UDP endpoint during a real reliable-UDP download, with the
 * {@link AttackHarness}'s witnesses talking: a wrong connection id, a wrong token, another source
 * port, truncated, a bad checksum, replays (all ignored, a wrong token at most earns a RESET); and
 * issue 12 row 16, a flood of forged handshakes while thousands of grants are held.
 */
final class UdpDatagramAttacksTest {
    /** The one encoder of the datagram layout; it writes forbidden values as readily as valid ones. */
    private static final DatagramWriter FORGER = new DatagramWriter();
    private static final int HELD_GRANTS = 2_400;
    private static final int FORGED_HANDSHAKES = 20_000;
    /** Grants asked for at once: the daemon opens files on a small pool with a bounded queue. */
    private static final int GRANT_BATCH = 50;
    /** Downloads run back to back under the flood at most (it lasts about a second on loopback). */
    private static final int MAX_DOWNLOADS = 40;

    @TempDir
    Path files;

    @Test
    @Timeout(60)
    void forgedTruncatedCorruptAndReplayedDatagramsAreIgnoredAndTheTransferCompletes() throws Exception {
        byte[] content = randomBytes(3 << 20, 5);
        Files.write(files.resolve("big.bin"), content);
        try (AttackHarness harness = AttackHarness.start(files, UnaryOperator.identity());
             DatagramChannel real = udpChannel();
             DatagramChannel attacker = udpChannel()) {
            TestClient alice = harness.join("alice");
            DownloadReady ready = udpGrant(alice, "big.bin");
            InetSocketAddress daemon = new InetSocketAddress("127.0.0.1", ready.port());
            long transfer = ready.transfer();
            TransferToken token = TransferToken.fromHex(ready.token());

            // Before the real handshake: a wrong token, a wrong id, truncated and corrupt handshakes.
            TransferToken wrong = new TransferToken(token.high() ^ 1, token.low());
            attacker.send(handshake(transfer, wrong), daemon);
            attacker.send(handshake(transfer + 1_000, token), daemon);
            attacker.send(truncated(handshake(transfer, token)), daemon);
            attacker.send(corrupted(handshake(transfer, token)), daemon);

            AtomicInteger attacks = new AtomicInteger();
            UdpDownload download = new UdpDownload(real, ready, content.length);
            download.run(sentByUs -> {
                if (sentByUs.size() > 2) {
                    attack(attacker, real, daemon, transfer, sentByUs);
                    attacks.incrementAndGet();
                }
            });
            assertTrue(attacks.get() > 0, "no forgery was sent during the transfer");
            download.assertReceived(content);
            await().atMost(AttackHarness.scaled(Duration.ofSeconds(10))).until(() -> harness.server().activeTransfers() == 0);
            System.out.println("UdpDatagramAttacksTest: " + content.length + " bytes, " + attacks + " rounds of forgeries, "
                    + download.receiver.stats());
            harness.assertSurvived();
        }
    }

    /**
     * Row 16: a session from 127.0.0.2 holds 2,400 unclaimed grants; a second socket sends 20,000
     * handshakes with random connection ids and tokens while legitimate 4 MiB UDP downloads run back
     * to back. Each forgery is dropped at the cost of a map look-up (grant expiry is O(expired), not
     * a walk of all grants, which the registry's count of expiry checks shows): every download takes at most three times its time without the attack,
     * plus a scaled second for the datagrams the flood crowds out of the socket buffers; every grant
     * is still held afterwards.
     */
    @Test
    @Timeout(120)
    void twentyThousandForgedHandshakesBesideTwoThousandFourHundredGrantsBarelySlowARealDownload() throws Exception {
        byte[] content = randomBytes(4 << 20, 16);
        Files.write(files.resolve("big.bin"), content);
        Files.writeString(files.resolve("small.txt"), "small\n");
        TransferSettings transfers = TransferSettings.DEFAULTS.withMaxPerSession(HELD_GRANTS)
                .withTokenTtl(Duration.ofMinutes(5));
        try (AttackHarness harness = AttackHarness.start(files, c -> c.transfers(transfers)
                .sources(SourceLimits.DEFAULTS.withMaxTransfers(HELD_GRANTS))
                .rateLimit(0, 1)); // the grants are the set-up, not the attack: no flood limit in the way
             DatagramChannel real = udpChannel();
             DatagramChannel attacker = udpChannel()) {
            TestClient hoarder = harness.joinFrom(AttackHarness.otherSource(), "hoarder");
            holdGrants(hoarder, HELD_GRANTS);
            TestClient alice = harness.join("alice");
            long calm = (timedDownload(alice, real, content) + timedDownload(alice, real, content)) / 2;

            long checksBefore = harness.server().transfers().expiryChecks();
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger forged = new AtomicInteger();
            Thread flood = Thread.ofVirtual().name("forger").start(() -> forge(attacker, harness.port(), forged, started));
            started.await();
            long slowest = 0;
            int downloads = 0;
            while (flood.isAlive() && downloads < MAX_DOWNLOADS) { // back to back for as long as the flood lasts
                slowest = Math.max(slowest, timedDownload(alice, real, content));
                downloads++;
            }
            flood.join(AttackHarness.scaled(Duration.ofSeconds(30)).toMillis());
            assertEquals(FORGED_HANDSHAKES, forged.get(), "the forger did not finish");

            long checks = harness.server().transfers().expiryChecks() - checksBefore;
            // One look per forgery (isPending) and a few per real download; a walk of every grant
            // per forgery, as before, would be 20,000 x 2,400 = 48 million.
            assertTrue(checks <= FORGED_HANDSHAKES + 10L * downloads, () -> "expiry looked at " + checks + " grants");
            long attacked = slowest;
            long bound = 3 * calm + AttackHarness.scaled(Duration.ofSeconds(1)).toNanos();
            System.out.println("UdpDatagramAttacksTest: 4 MiB over UDP in " + calm / 1_000_000 + " ms calm, at most "
                    + attacked / 1_000_000 + " ms in " + downloads + " downloads under " + FORGED_HANDSHAKES
                    + " forged handshakes beside " + HELD_GRANTS + " grants");
            assertTrue(downloads > 0, "the flood ended before a download could start");
            assertTrue(attacked < bound, () -> "a download took " + attacked / 1_000_000 + " ms under attack, "
                    + calm / 1_000_000 + " ms without (bound " + bound / 1_000_000 + " ms)");
            // The grants were neither claimed nor lost: one more is refused as the 2,401st.
            hoarder.send(new Download(hoarder.nextId(), "small.txt", Transport.UDP, 0));
            assertEquals(ErrorCode.TOO_MANY_TRANSFERS,
                    hoarder.expect(ErrorFrame.class).code());
            harness.assertSurvived();
        }
    }

    /** Takes {@code count} UDP grants of small.txt, {@link #GRANT_BATCH} requests at a time. */
    private static void holdGrants(TestClient client, int count) throws IOException {
        for (int held = 0; held < count; held += GRANT_BATCH) {
            for (int i = 0; i < GRANT_BATCH; i++) {
                client.send(new Download(client.nextId(), "small.txt", Transport.UDP, 0));
            }
            for (int i = 0; i < GRANT_BATCH; i++) {
                client.expect(DownloadReady.class);
            }
        }
    }

    /** Handshakes for random connection ids with random tokens, as fast as the socket takes them. */
    private static void forge(DatagramChannel attacker, int port, AtomicInteger forged, CountDownLatch started) {
        Random random = new Random(16);
        InetSocketAddress daemon = new InetSocketAddress("127.0.0.1", port); // the UDP endpoint shares the TCP port's number
        try {
            for (int i = 0; i < FORGED_HANDSHAKES; i++) {
                long id = 1 + (random.nextLong() & Limits.MAX_ID) % Limits.MAX_ID;
                attacker.send(handshake(id, new TransferToken(random.nextLong(), random.nextLong())), daemon);
                forged.incrementAndGet();
                if (i == 100) {
                    started.countDown();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            started.countDown();
        }
    }

    private static long timedDownload(TestClient client, DatagramChannel channel, byte[] content) throws IOException {
        DownloadReady ready = udpGrant(client, "big.bin");
        long start = System.nanoTime();
        UdpDownload download = new UdpDownload(channel, ready, content.length);
        download.run(sentByUs -> { });
        long elapsed = System.nanoTime() - start;
        download.assertReceived(content);
        return elapsed;
    }

    private static DownloadReady udpGrant(TestClient client, String name) throws IOException {
        client.send(new Download(client.nextId(), name, Transport.UDP, 0));
        return client.expect(DownloadReady.class);
    }

    private interface Round {
        void during(List<ByteBuffer> sentByUs) throws IOException;
    }

    /** One reliable-UDP download driven by the test on a non-blocking channel; every 2,000 polls, a {@link Round}. */
    private static final class UdpDownload {
        private final DatagramChannel channel;
        private final InetSocketAddress daemon;
        private final byte[] received;
        private final RudpReceiver receiver;

        UdpDownload(DatagramChannel channel, DownloadReady ready, int size) {
            this.channel = channel;
            this.daemon = new InetSocketAddress("127.0.0.1", ready.port());
            this.received = new byte[size];
            this.receiver = new RudpReceiver(RudpConfig.defaults(), ready.transfer(), TransferToken.fromHex(ready.token()),
                    0, (offset, src) -> src.get(received, (int) offset, src.remaining()), System.nanoTime());
        }

        void run(Round round) throws IOException {
            channel.configureBlocking(false);
            ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
            ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
            List<ByteBuffer> sentByUs = new ArrayList<>();
            long deadline = System.nanoTime() + AttackHarness.scaled(Duration.ofSeconds(30)).toNanos();
            for (long rounds = 1; !receiver.isDone(); rounds++) {
                assertTrue(System.nanoTime() - deadline < 0, "the download did not finish in time");
                long now = System.nanoTime();
                while (receiver.poll(now, out)) {
                    sentByUs.add(copy(out));
                    channel.send(out, daemon);
                }
                in.clear();
                if (channel.receive(in) != null) {
                    receiver.onDatagram(in.flip(), System.nanoTime());
                } else {
                    Thread.onSpinWait();
                }
                if (rounds % 2_000 == 0) {
                    round.during(sentByUs);
                }
            }
            while (receiver.poll(System.nanoTime(), out)) {
                channel.send(out, daemon); // the close-ack for the daemon's CLOSE, queued as the receiver finished
            }
        }

        void assertReceived(byte[] content) {
            assertTrue(receiver.failure().isEmpty(), () -> "the transfer failed: " + receiver.failure());
            assertArrayEquals(content, received);
        }
    }

    /** One round of forgeries while the transfer runs. */
    private static void attack(DatagramChannel attacker, DatagramChannel real, InetSocketAddress daemon,
            long transfer, List<ByteBuffer> sentByUs) throws IOException {
        // An ACK claiming everything, from another source port: would end the transfer early.
        attacker.send(ack(transfer, 1L << 40), daemon);
        // The same from the real port but with a bad checksum, and truncated.
        real.send(corrupted(ack(transfer, 1L << 40)), daemon);
        real.send(truncated(ack(transfer, 1L << 40)), daemon);
        // An ACK for a connection id that does not exist.
        real.send(ack(transfer ^ 0x5555, 1L << 20), daemon);
        // Replays of our own earlier datagrams (the handshake and an old ACK), from our port and another.
        real.send(sentByUs.get(0).duplicate(), daemon);
        real.send(sentByUs.get(1).duplicate(), daemon);
        attacker.send(sentByUs.get(sentByUs.size() - 1).duplicate(), daemon);
    }

    private static DatagramChannel udpChannel() throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static ByteBuffer handshake(long transfer, TransferToken token) {
        ByteBuffer b = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        FORGER.handshake(b, transfer, 0, token.high(), token.low(), 0, 1 << 20, 1200, 25_000);
        return b;
    }

    private static ByteBuffer ack(long transfer, long cumulative) {
        ByteBuffer b = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        FORGER.ack(b, transfer, 1_000_000, cumulative, 999_999, 0, 1 << 20, false, new long[0], new long[0], 0);
        return b;
    }

    private static ByteBuffer corrupted(ByteBuffer d) {
        ByteBuffer c = copy(d);
        c.put(RudpWire.HEADER_BYTES + 2, (byte) (c.get(RudpWire.HEADER_BYTES + 2) ^ 0x10));
        return c;
    }

    private static ByteBuffer truncated(ByteBuffer d) {
        ByteBuffer c = copy(d);
        return c.limit(c.limit() - 5);
    }

    private static ByteBuffer copy(ByteBuffer d) {
        ByteBuffer c = ByteBuffer.allocate(d.remaining());
        c.put(d.duplicate()).flip();
        return c;
    }
}
