package dev.chat.daemon;

import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.ErrorCode;
import dev.chat.wire.Limits;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ErrorFrame;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.wire.udp.RudpWire;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 row 16 on reliable UDP version 2 (PROTOCOL.md §16.5, §16.8.2): a session from 127.0.0.2
 * holds 2,400 unclaimed UDP grants while a socket on that same address, the grants' chat peer, so
 * the source rule stops none of it, sends 20,000 forged HANDSHAKEs: most for random connection ids
 * with garbage tags (dropped after one map look-up), one in {@link #EXISTING_EVERY} for a held
 * grant's id, well formed but sealed under a wrong key (dropped when the tag fails). Meanwhile
 * legitimate 4 MiB UDP downloads from 127.0.0.1 run back to back. Grant expiry is O(expired), not a
 * walk of all grants per look-up, which {@link dev.chat.daemon.transfer.TransferService#expiryChecks()} shows.
 */
final class ForgedHandshakeFloodTest {
    private static final int HELD_GRANTS = 2_400;
    private static final int FORGED_HANDSHAKES = 20_000;
    /** Every this many forgeries one is for a held grant's id (about one per grant). */
    private static final int EXISTING_EVERY = 8;
    /** Grants asked for at once: the daemon opens files on a small pool with a bounded queue. */
    private static final int GRANT_BATCH = 50;
    /** Downloads run back to back under the flood at most (it lasts about a second on loopback). */
    private static final int MAX_DOWNLOADS = 40;

    @TempDir
    Path files;

    /**
     * Each download under the flood takes at most three times its calm time, plus a scaled second for
     * the datagrams the flood crowds out of the socket buffers; expiry looks at one grant per forgery
     * and a few per download; no forgery earns an answer; every grant is still held afterwards.
     */
    @Test
    @Timeout(120)
    void twentyThousandForgedHandshakesBesideTwoThousandFourHundredGrantsBarelySlowARealDownload() throws Exception {
        byte[] content = new byte[4 << 20];
        new Random(16).nextBytes(content);
        Files.write(files.resolve("big.bin"), content);
        Files.writeString(files.resolve("small.txt"), "small\n");
        TransferSettings transfers = TransferSettings.DEFAULTS.withMaxPerSession(HELD_GRANTS)
                .withTokenTtl(Duration.ofMinutes(5));
        try (AttackHarness harness = AttackHarness.start(files, c -> c.transfers(transfers)
                .sources(SourceLimits.DEFAULTS.withMaxTransfers(HELD_GRANTS))
                .rateLimit(0, 1)); // the grants are the set-up, not the attack: no flood limit in the way
             DatagramChannel real = udpChannel("127.0.0.1");
             DatagramChannel attacker = udpChannel(AttackHarness.otherSource().getHostAddress())) {
            TestClient hoarder = harness.joinFrom(AttackHarness.otherSource(), "hoarder");
            List<Long> held = holdGrants(hoarder);
            TestClient alice = harness.join("alice");
            timedDownload(alice, real, content); // warms the path up, so the calm time is not the JIT's
            long calm = (timedDownload(alice, real, content) + timedDownload(alice, real, content)) / 2;

            long checksBefore = harness.server().transfers().expiryChecks();
            Flooded flooded = downloadUnderFlood(alice, real, content, attacker, harness.port(), held);
            int downloads = flooded.downloads();

            long checks = harness.server().transfers().expiryChecks() - checksBefore;
            // One look per forgery (the endpoint's first look-up) and a few per real download (grant,
            // the handshake, its repeat with the retry cookie, the claim); a walk of every grant per
            // forgery, as before the fix, would be 20,000 x 2,400 = 48 million.
            assertTrue(checks <= FORGED_HANDSHAKES + 10L * downloads, () -> "expiry looked at " + checks + " grants");
            long attacked = flooded.slowest();
            long bound = 3 * calm + AttackHarness.scaled(Duration.ofSeconds(1)).toNanos();
            System.out.println("ForgedHandshakeFloodTest: 4 MiB over UDP v2 in " + calm / 1_000_000 + " ms calm, at most "
                    + attacked / 1_000_000 + " ms in " + downloads + " downloads under " + FORGED_HANDSHAKES
                    + " forged handshakes beside " + HELD_GRANTS + " grants; " + checks + " expiry checks");
            assertTrue(downloads > 0, "the flood ended before a download could start");
            assertTrue(attacked < bound, () -> "a download took " + attacked / 1_000_000 + " ms under attack, "
                    + calm / 1_000_000 + " ms without (bound " + bound / 1_000_000 + " ms)");
            attacker.configureBlocking(false);
            assertNull(attacker.receive(ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1)),
                    "a forged handshake earned an answer (a RETRY would say the id exists)");
            // The grants were neither claimed nor lost: one more is refused as the 2,401st.
            hoarder.send(new Download(hoarder.nextId(), "small.txt", Transport.UDP, 0));
            assertEquals(ErrorCode.TOO_MANY_TRANSFERS, hoarder.expect(ErrorFrame.class).code());
            harness.assertSurvived();
        }
    }

    /** Takes {@link #HELD_GRANTS} UDP grants of small.txt, {@link #GRANT_BATCH} requests at a time; returns their ids. */
    private static List<Long> holdGrants(TestClient client) throws IOException {
        List<Long> ids = new ArrayList<>(HELD_GRANTS);
        while (ids.size() < HELD_GRANTS) {
            for (int i = 0; i < GRANT_BATCH; i++) {
                client.send(new Download(client.nextId(), "small.txt", Transport.UDP, 0));
            }
            for (int i = 0; i < GRANT_BATCH; i++) {
                ids.add(client.expect(DownloadReady.class).transfer());
            }
        }
        return ids;
    }

    /** How many downloads ran under the flood and the slowest one's nanoseconds. */
    private record Flooded(int downloads, long slowest) {
    }

    /** Starts the forger and downloads back to back while it runs (at most {@link #MAX_DOWNLOADS}); waits for it to end. */
    private static Flooded downloadUnderFlood(TestClient client, DatagramChannel real, byte[] content,
            DatagramChannel attacker, int port, List<Long> held) throws IOException, InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger forged = new AtomicInteger();
        InetSocketAddress daemon = new InetSocketAddress("127.0.0.1", port); // UDP shares the TCP port's number
        Thread flood = Thread.ofVirtual().name("forger").start(() -> forge(attacker, daemon, held, forged, started));
        started.await();
        long slowest = 0;
        int downloads = 0;
        while (flood.isAlive() && downloads < MAX_DOWNLOADS) {
            slowest = Math.max(slowest, timedDownload(client, real, content));
            downloads++;
        }
        flood.join(AttackHarness.scaled(Duration.ofSeconds(30)).toMillis());
        assertEquals(FORGED_HANDSHAKES, forged.get(), "the forger did not finish");
        return new Flooded(downloads, slowest);
    }

    /**
     * The flood, as fast as the socket takes it: for random ids a HANDSHAKE with a random tag, and
     * every {@link #EXISTING_EVERY}th for a held grant's id, sealed under a key that is not its.
     */
    private static void forge(DatagramChannel attacker, InetSocketAddress daemon, List<Long> held,
            AtomicInteger forged, CountDownLatch started) {
        Random random = new Random(16);
        RudpKeys wrong = RudpKeys.derive(RudpKeys.randomSecret(random), 1);
        byte[] tag = new byte[RudpWire.TAG_BYTES];
        ByteBuffer datagram = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        try {
            for (int i = 0; i < FORGED_HANDSHAKES; i++) {
                boolean existing = i % EXISTING_EVERY == 0;
                long id = existing ? held.get(i / EXISTING_EVERY % held.size())
                        : 1 + (random.nextLong() & Limits.MAX_ID) % Limits.MAX_ID;
                ForgedDatagrams.handshake(datagram, id, wrong);
                if (!existing) {
                    random.nextBytes(tag);
                    datagram.put(datagram.limit() - tag.length, tag); // the tag is last: garbage in its place
                }
                attacker.send(datagram, daemon);
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

    /** One real v2 download of big.bin by {@code client} over {@code channel}; returns its nanoseconds. */
    private static long timedDownload(TestClient client, DatagramChannel channel, byte[] content) throws IOException {
        client.send(new Download(client.nextId(), "big.bin", Transport.UDP, 0));
        DownloadReady ready = client.expect(DownloadReady.class);
        long start = System.nanoTime();
        UdpDownload download = new UdpDownload(channel, ready);
        download.run(sentByUs -> { });
        long elapsed = System.nanoTime() - start;
        download.assertReceived(content);
        return elapsed;
    }

    private static DatagramChannel udpChannel(String address) throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(address, 0));
    }
}
