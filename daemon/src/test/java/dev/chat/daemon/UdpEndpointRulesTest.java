package dev.chat.daemon;

import dev.chat.daemon.transfer.TransferSettings;
import dev.chat.wire.frame.Download;
import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.frame.ServerFrame;
import dev.chat.wire.frame.TransferStats;
import dev.chat.wire.frame.Transport;
import dev.chat.wire.udp.FailureReason;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpReceiver;
import dev.chat.wire.udp.RudpWire;
import dev.chat.wire.udp.TransferFailure;
import dev.chat.wire.udp.RudpKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The daemon's UDP endpoint against PROTOCOL.md §16.3 and §16.5, spoken by a real receiver over
 * loopback: which handshakes it answers, and that every transfer frees its slot however it ends.
 */
@Timeout(30)
final class UdpEndpointRulesTest extends LoopbackFixture {
    private static final Duration IDLE = Duration.ofMillis(400);

    /** One client UDP socket with the receiver that speaks through it. */
    private static final class Peer implements AutoCloseable {
        final DatagramChannel channel;
        final RudpReceiver receiver;
        final ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
        final ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);

        Peer(int port, long transfer, RudpKeys keys) throws IOException {
            channel = DatagramChannel.open().connect(new InetSocketAddress("127.0.0.1", port));
            channel.socket().setSoTimeout(300);
            receiver = new RudpReceiver(RudpConfig.defaults(), transfer, keys, 0, (offset, src) -> src.position(src.limit()),
                    System.nanoTime());
        }

        void sendWhatIsDue() throws IOException {
            while (receiver.poll(System.nanoTime(), out)) {
                channel.write(out);
            }
        }

        /** The next datagram from the daemon, fed to the receiver; empty when none comes within 300 ms. */
        Optional<ByteBuffer> receive() throws IOException {
            in.clear();
            try {
                // A blocking channel's socket adaptor honours the socket timeout; the channel does not.
                DatagramPacket packet = new DatagramPacket(in.array(), in.capacity());
                channel.socket().receive(packet);
                in.limit(packet.getLength());
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            receiver.onDatagram(in, System.nanoTime());
            return Optional.of(in);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private DownloadReady grant(TestClient client, String name) throws IOException {
        long id = client.nextId();
        client.send(new Download(id, name, Transport.UDP, 0));
        while (true) {
            ServerFrame frame = client.next();
            if (!(frame instanceof TransferStats)) {
                return assertInstanceOf(DownloadReady.class, frame, () -> "download " + name + " refused");
            }
        }
    }

    @Test
    void aHandshakeForAConnectionIdWithNoGrantIsDroppedUnanswered() throws IOException {
        start();
        try (Peer stranger = new Peer(server.port(), 0x1234_5678L, RudpKeys.derive(new byte[32], 0x1234_5678L))) {
            stranger.sendWhatIsDue();
            assertEquals(Optional.empty(), stranger.receive());
            assertEquals(RudpReceiver.State.HANDSHAKING, stranger.receiver.state());
        }
    }

    @Test
    void aHandshakeUnderTheWrongKeyForAPendingGrantIsDroppedUnansweredAndTheGrantStays() throws IOException {
        Files.write(files.resolve("a.bin"), new byte[10_000]);
        start();
        TestClient alice = join("alice");
        DownloadReady ready = grant(alice, "a.bin");
        String wrongKey = ready.key().substring(0, 63) + (ready.key().endsWith("0") ? "1" : "0");
        try (Peer guesser = new Peer(ready.port(), ready.transfer(), RudpKeys.fromHex(wrongKey, ready.transfer()))) {
            guesser.sendWhatIsDue();
            assertEquals(Optional.empty(), guesser.receive(), "no RESET, no RETRY: nothing for a wrong key");
            assertEquals(RudpReceiver.State.HANDSHAKING, guesser.receiver.state());
        }
        try (Peer owner = new Peer(ready.port(), ready.transfer(), keys(ready))) {
            receiveAll(owner);
            assertEquals(Optional.empty(), owner.receiver.failure());
        }
    }

    @Test
    void theFirstHandshakeEarnsOnlyARetrySmallerThanItselfAndTheEchoedCookieStartsTheTransfer() throws IOException {
        Files.write(files.resolve("a.bin"), new byte[10_000]);
        start();
        TestClient alice = join("alice");
        DownloadReady ready = grant(alice, "a.bin");
        try (Peer owner = new Peer(ready.port(), ready.transfer(), keys(ready))) {
            owner.sendWhatIsDue();
            ByteBuffer retry = owner.receive().orElseThrow();
            assertEquals(dev.chat.wire.udp.EndpointCodec.RETRY_BYTES, retry.limit());
            assertTrue(retry.limit() < dev.chat.wire.udp.EndpointCodec.HANDSHAKE_BYTES);
            assertEquals(RudpReceiver.State.HANDSHAKING, owner.receiver.state());
            receiveAll(owner);
            assertEquals(Optional.empty(), owner.receiver.failure());
            assertTrue(owner.receiver.isComplete());
        }
    }

    private static RudpKeys keys(DownloadReady ready) {
        return RudpKeys.fromHex(ready.key(), ready.transfer());
    }

    /** When, in a transfer, the client dies. */
    enum Death { AFTER_ITS_HANDSHAKE, AFTER_THE_HANDSHAKE_ACK, IN_THE_MIDDLE, INSTEAD_OF_THE_CLOSE_ACK }

    @ParameterizedTest(name = "the client dies {0}")
    @EnumSource(Death.class)
    void transfersEndedByTheDeadPeerTimeoutFreeTheirSlots(Death death) throws IOException {
        Files.write(files.resolve("big.bin"), new byte[2 << 20]);
        start(config().transfers(TransferSettings.DEFAULTS.withMaxPerSession(2).withIdleTimeout(IDLE)));
        TestClient alice = join("alice");
        for (int round = 0; round < 4; round++) { // with two slots, a leak is refused by round three
            DownloadReady ready = grant(alice, "big.bin");
            try (Peer peer = new Peer(ready.port(), ready.transfer(), keys(ready))) {
                runUntil(peer, death);
            } // the client dies: from now on the daemon's sender hears nothing
            await().atMost(Duration.ofSeconds(5)).until(() -> server.activeTransfers() == 0);
        }
    }

    /** Runs the transfer until the moment of {@code death}; nothing is sent after it. */
    private static void runUntil(Peer peer, Death death) throws IOException {
        RudpReceiver r = peer.receiver;
        peer.sendWhatIsDue(); // the handshake, answered by a RETRY
        peer.receive();
        peer.sendWhatIsDue(); // the handshake with the cookie: it claims the grant
        if (death == Death.AFTER_ITS_HANDSHAKE) {
            return;
        }
        while (true) {
            peer.receive();
            boolean dead = switch (death) {
                case AFTER_ITS_HANDSHAKE -> true;
                case AFTER_THE_HANDSHAKE_ACK -> r.state() != RudpReceiver.State.HANDSHAKING;
                case IN_THE_MIDDLE -> r.stats().bytesReceived() >= 1 << 20;
                case INSTEAD_OF_THE_CLOSE_ACK -> r.isDone(); // the CLOSE came; its CLOSE_ACK never leaves
            };
            if (dead) {
                return;
            }
            peer.sendWhatIsDue();
        }
    }

    private static void receiveAll(Peer peer) throws IOException {
        while (!peer.receiver.isDone()) {
            peer.sendWhatIsDue();
            peer.receive();
        }
        peer.sendWhatIsDue(); // the close-ack
    }
}
