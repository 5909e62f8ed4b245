package dev.chat.daemon;

import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.DatagramWriter;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpReceiver;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.TransferToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile datagrams at the daemon's UDP endpoint during a real reliable-UDP download: a wrong
 * connection id, a wrong token, another source port, truncated, a bad checksum, replays. All are
 * ignored (a wrong token at most earns a RESET), and the real transfer completes and matches.
 */
@Timeout(60)
final class UdpDatagramAttacksTest extends LoopbackFixture {
    /** The one encoder of the datagram layout; it writes forbidden values as readily as valid ones. */
    private static final DatagramWriter FORGER = new DatagramWriter();

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
            TransferToken token = TransferToken.fromHex(ready.token());

            // Before the real handshake: a wrong token, a wrong id, truncated and corrupt handshakes.
            TransferToken wrong = new TransferToken(token.high() ^ 1, token.low());
            attacker.send(handshake(transfer, wrong), daemon);
            attacker.send(handshake(transfer + 1_000, token), daemon);
            attacker.send(truncated(handshake(transfer, token)), daemon);
            attacker.send(corrupted(handshake(transfer, token)), daemon);

            byte[] received = new byte[content.length];
            RudpReceiver receiver = new RudpReceiver(RudpConfig.defaults(), transfer, token, 0,
                    (offset, src) -> src.get(received, (int) offset, src.remaining()), System.nanoTime());
            real.configureBlocking(false);
            ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
            ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
            List<ByteBuffer> sentByUs = new ArrayList<>();
            long rounds = 0;
            int attacks = 0;
            while (!receiver.isDone()) {
                long now = System.nanoTime();
                while (receiver.poll(now, out)) {
                    sentByUs.add(copy(out));
                    real.send(out, daemon);
                }
                in.clear();
                if (real.receive(in) != null) {
                    receiver.onDatagram(in.flip(), System.nanoTime());
                } else {
                    Thread.onSpinWait();
                }
                if (++rounds % 2_000 == 0 && sentByUs.size() > 2) {
                    attack(attacker, real, daemon, transfer, sentByUs);
                    attacks++;
                    witness.assertHealthy();
                }
            }
            while (receiver.poll(System.nanoTime(), out)) {
                real.send(out, daemon); // the close-ack for the daemon's CLOSE, queued as the receiver finished
            }
            assertTrue(attacks > 0, "no forgery was sent during the transfer");
            assertTrue(receiver.failure().isEmpty(), () -> "the transfer failed: " + receiver.failure());
            assertArrayEquals(content, received);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> server.activeTransfers() == 0);
            witness.awaitMessages(3);
            System.out.println("UdpDatagramAttacksTest: " + content.length + " bytes, " + attacks + " rounds of forgeries, " + receiver.stats());
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
