package dev.chat.daemon;

import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.DatagramWriter;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.daemon.transfer.TransferSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static dev.chat.daemon.ForgedDatagrams.ack;
import static dev.chat.daemon.ForgedDatagrams.corrupted;
import static dev.chat.daemon.ForgedDatagrams.handshake;
import static dev.chat.daemon.ForgedDatagrams.truncated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile datagrams during a real reliable-UDP download (PROTOCOL.md §16.8): forged under a wrong
 * key (HANDSHAKE, ACK, RESET to the daemon; DATA and RESET to the client), sealed under the right
 * key but from another port, truncated, corrupt, replayed. All are dropped without a reply and the
 * transfer completes byte-identical. And a spoofed source earns at most a RETRY: less than 3x.
 */
@Timeout(60)
final class UdpDatagramAttacksTest extends LoopbackFixture {

    @Test
    void forgedTruncatedCorruptAndReplayedDatagramsAreIgnoredAndTheTransferCompletes() throws Exception {
        byte[] content = new byte[3 << 20];
        new Random(5).nextBytes(content);
        Files.write(files.resolve("big.bin"), content);
        start();
        try (Witness witness = new Witness(this);
             DatagramChannel real = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel attacker = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            TestClient alice = join("alice");
            long id = alice.nextId();
            alice.send(new Download(id, "big.bin", Transport.UDP, 0));
            DownloadReady ready = alice.expect(DownloadReady.class);
            InetSocketAddress daemon = new InetSocketAddress("127.0.0.1", ready.port());
            long transfer = ready.transfer();
            RudpKeys keys = RudpKeys.fromHex(ready.key(), transfer);
            RudpKeys wrong = RudpKeys.derive(new byte[RudpKeys.SECRET_BYTES], transfer);

            // Before the real handshake: a wrong key, a wrong id, truncated and corrupt handshakes.
            attacker.send(handshake(transfer, wrong), daemon);
            attacker.send(handshake(transfer + 1_000, keys), daemon);
            attacker.send(truncated(handshake(transfer, keys)), daemon);
            attacker.send(corrupted(handshake(transfer, keys)), daemon);
            assertTrue(receiveNothing(attacker), "a forged or broken handshake earned an answer");

            AtomicInteger attacks = new AtomicInteger();
            UdpDownload download = new UdpDownload(real, ready);
            download.run(sentByUs -> {
                if (sentByUs.size() > 2) {
                    attack(attacker, real, daemon, transfer, keys, wrong, sentByUs);
                    attacks.incrementAndGet();
                    witness.assertHealthy();
                }
            });
            assertTrue(attacks.get() > 0, "no forgery was sent during the transfer");
            download.assertReceived(content);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> server.activeTransfers() == 0);
            witness.awaitMessages(3);
            System.out.println("UdpDatagramAttacksTest: " + content.length + " bytes, " + attacks + " rounds of forgeries, " + download.receiver().stats());
        }
    }

    /** One round of forgeries while the transfer runs. */
    private static void attack(DatagramChannel attacker, DatagramChannel real, InetSocketAddress daemon,
            long transfer, RudpKeys keys, RudpKeys wrong, List<ByteBuffer> sentByUs) throws IOException {
        // An ACK claiming everything under a wrong key, from the real port: would end the transfer early.
        real.send(ack(transfer, 1L << 40, wrong), daemon);
        // The same under the right key but from another port (only the validated address speaks).
        attacker.send(ack(transfer, 1L << 40, keys), daemon);
        // Forged RESETs to the daemon (wrong key) and forged DATA and RESET to the client.
        real.send(reset(transfer, DatagramWriter.toSender(wrong)), daemon);
        InetSocketAddress client = (InetSocketAddress) real.getLocalAddress();
        attacker.send(reset(transfer, DatagramWriter.toReceiver(wrong)), client);
        attacker.send(data(transfer, DatagramWriter.toReceiver(wrong)), client);
        // Right-key ACKs, corrupted and truncated, from the real port.
        real.send(corrupted(ack(transfer, 1L << 40, keys)), daemon);
        real.send(truncated(ack(transfer, 1L << 40, keys)), daemon);
        // An ACK for a connection id that does not exist.
        real.send(ack(transfer ^ 0x5555, 1L << 20, keys), daemon);
        // Replays of our own earlier datagrams (the handshake and an old ACK), from our port and another.
        real.send(sentByUs.get(0).duplicate(), daemon);
        real.send(sentByUs.get(1).duplicate(), daemon);
        attacker.send(sentByUs.get(sentByUs.size() - 1).duplicate(), daemon);
    }

    @Test
    void aSourceOtherThanTheChatPeerGetsNothingForItsHandshakesAndAcks() throws Exception {
        Files.write(files.resolve("big.bin"), new byte[8 << 20]);
        start();
        assertEquals(0.0, amplification(join("alice")), "a source other than the chat peer got bytes");
    }

    @Test
    void withAnySourceASpoofedSourceGetsOnlyRetriesLessThanItSentAndNoData() throws Exception {
        Files.write(files.resolve("big.bin"), new byte[8 << 20]);
        start(config().transfers(TransferSettings.DEFAULTS.withUdpAnySource(true)));
        double factor = amplification(join("alice"));
        assertTrue(factor > 0 && factor < 1, "amplification " + factor + " (at most 3 allowed; a RETRY is smaller)");
        assertEquals(0, server.activeTransfers(), "no transfer started for the spoofed address");
    }

    /**
     * The victim's socket (127.0.0.2) stands for an address the attacker, who holds a real grant and
     * its key, spoofs: it sends handshakes and "all acked" ACKs as the attacker would write them and
     * never reads or answers. Returns the bytes the daemon sent it over the bytes it "sent".
     */
    private double amplification(TestClient attacker) throws Exception {
        long id = attacker.nextId();
        attacker.send(new Download(id, "big.bin", Transport.UDP, 0));
        DownloadReady ready = attacker.expect(DownloadReady.class);
        RudpKeys keys = RudpKeys.fromHex(ready.key(), ready.transfer());
        InetSocketAddress daemon = new InetSocketAddress("127.0.0.1", ready.port());
        try (DatagramChannel victim = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.2", 0))) {
            victim.configureBlocking(false);
            long sent = 0;
            long got = 0;
            ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
            long deadline = System.nanoTime() + 2_000_000_000L;
            for (int i = 0; System.nanoTime() < deadline; i++) {
                ByteBuffer d = i % 2 == 0 ? handshake(ready.transfer(), keys) : ack(ready.transfer(), 1L << 40, keys);
                sent += victim.send(d, daemon);
                for (in.clear(); victim.receive(in) != null; in.clear()) {
                    got += in.position();
                }
                Thread.onSpinWait();
                if (i > 200) {
                    LockSupport.parkNanos(5_000_000); // a few hundred forgeries are enough
                }
            }
            for (in.clear(); victim.receive(in) != null; in.clear()) {
                got += in.position();
            }
            System.out.println("UdpDatagramAttacksTest: spoofed source sent " + sent + " bytes, received " + got);
            return (double) got / sent;
        }
    }

    private static boolean receiveNothing(DatagramChannel channel) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            if (channel.receive(in) != null) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    private static ByteBuffer reset(long transfer, DatagramWriter forger) {
        ByteBuffer b = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        forger.reset(b, transfer, 7, dev.chat.wire.udp.FailureReason.ABORTED);
        return b;
    }

    private static ByteBuffer data(long transfer, DatagramWriter forger) {
        ByteBuffer b = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        forger.beginData(b, transfer, 3, 5, 7); // unaligned: would be a PROTOCOL_VIOLATION if believed
        b.put(new byte[7]);
        forger.finishData(b);
        return b;
    }
}
