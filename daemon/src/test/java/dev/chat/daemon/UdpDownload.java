package dev.chat.daemon;

import dev.chat.wire.frame.DownloadReady;
import dev.chat.wire.udp.RudpConfig;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.wire.udp.RudpReceiver;
import dev.chat.wire.udp.RudpWire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real reliable-UDP version 2 download (PROTOCOL.md §16.8) driven by a test on a non-blocking
 * channel: a {@link RudpReceiver} under the keys of the grant's {@code download_ready.key}, which
 * does the RETRY exchange itself (its first HANDSHAKE earns a cookie, the next one echoes it). Every
 * {@link #ROUND_POLLS} polls the test gets a {@link Round} to attack or check in. The test thread
 * owns the channel.
 */
final class UdpDownload {
    /** Polls of the receive loop between two rounds. */
    static final int ROUND_POLLS = 2_000;
    /** The longest a download may take, scaled like every bound of the attack tests. */
    static final Duration TIMEOUT = AttackHarness.scaled(Duration.ofSeconds(30));

    /** What a test does between polls; it sees every datagram the receiver sent so far, oldest first. */
    interface Round {
        void during(List<ByteBuffer> sentByUs) throws IOException;
    }

    private final DatagramChannel channel;
    private final InetSocketAddress daemon;
    private final byte[] received;
    private final RudpReceiver receiver;

    UdpDownload(DatagramChannel channel, DownloadReady ready) {
        this.channel = channel;
        this.daemon = new InetSocketAddress("127.0.0.1", ready.port());
        this.received = new byte[Math.toIntExact(ready.size())];
        this.receiver = new RudpReceiver(RudpConfig.defaults(), ready.transfer(), RudpKeys.fromHex(ready.key(), ready.transfer()), 0,
                (offset, src) -> src.get(received, (int) offset, src.remaining()), System.nanoTime());
    }

    RudpReceiver receiver() {
        return receiver;
    }

    /** Runs the download to its end (done or failed), calling {@code round} every {@link #ROUND_POLLS} polls. */
    void run(Round round) throws IOException {
        channel.configureBlocking(false);
        ByteBuffer out = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        ByteBuffer in = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM + 1);
        List<ByteBuffer> sentByUs = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (long rounds = 1; !receiver.isDone(); rounds++) {
            assertTrue(System.nanoTime() - deadline < 0, "the download did not finish within " + TIMEOUT);
            long now = System.nanoTime();
            while (receiver.poll(now, out)) {
                sentByUs.add(ForgedDatagrams.copy(out));
                channel.send(out, daemon);
            }
            in.clear();
            if (channel.receive(in) != null) {
                receiver.onDatagram(in.flip(), System.nanoTime());
            } else {
                Thread.onSpinWait();
            }
            if (rounds % ROUND_POLLS == 0) {
                round.during(sentByUs);
            }
        }
        while (receiver.poll(System.nanoTime(), out)) {
            channel.send(out, daemon); // the close-ack for the daemon's CLOSE, queued as the receiver finished
        }
    }

    /** Asserts the download succeeded and holds exactly {@code content}. */
    void assertReceived(byte[] content) {
        assertTrue(receiver.failure().isEmpty(), () -> "the transfer failed: " + receiver.failure());
        assertArrayEquals(content, received);
    }
}
