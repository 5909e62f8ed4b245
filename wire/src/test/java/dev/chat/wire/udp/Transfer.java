package dev.chat.wire.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/** One simulated transfer of a byte array: set up, run, check, report. */
final class Transfer {
    static final long CONNECTION = 0x0123_4567_89AB_CDEFL;
    static final RudpKeys KEYS = RudpKeys.derive(MemoryFile.randomBytes(RudpKeys.SECRET_BYTES, 1), CONNECTION);
    static final long SECOND = 1_000_000_000L;

    final byte[] data;
    final long startOffset;
    final MemoryFile.Sink sink;
    final SimNetwork net;
    long elapsed;

    Transfer(byte[] data, long startOffset, RudpConfig config, LinkProfile forward, LinkProfile backward,
            long seed) {
        this(data, startOffset, config, config, forward, backward, seed);
    }

    Transfer(byte[] data, long startOffset, RudpConfig senderConfig, RudpConfig receiverConfig,
            LinkProfile forward, LinkProfile backward, long seed) {
        this.data = data;
        this.startOffset = startOffset;
        this.sink = new MemoryFile.Sink(data.length);
        this.net = new SimNetwork(forward, backward, seed);
        net.sender = new RudpSender(senderConfig, CONNECTION, KEYS, MemoryFile.source(data), data.length, net.now);
        net.receiver = new RudpReceiver(receiverConfig, CONNECTION, KEYS, startOffset, sink, net.now);
    }

    /** A copy of the sender's datagram {@code d} with its body decrypted in place (for taps that read fields). */
    static java.nio.ByteBuffer opened(java.nio.ByteBuffer d) {
        java.nio.ByteBuffer copy = java.nio.ByteBuffer.allocate(d.remaining());
        copy.put(d.duplicate()).flip();
        if (DatagramReader.fromSender(KEYS).parse(copy) != ParseStatus.OK) {
            throw new AssertionError("a sender datagram that does not open");
        }
        return copy;
    }

    static Transfer of(byte[] data, LinkProfile both, long seed) {
        return new Transfer(data, 0, RudpConfig.defaults(), both, both, seed);
    }

    Transfer run() {
        elapsed = net.run(120 * SECOND, 5_000_000);
        return this;
    }

    /** Asserts both sides succeeded and the sink holds exactly the file, each byte written once. */
    Transfer assertIdentical() {
        assertTrue(net.sender.isDone() && net.receiver.isDone(),
                () -> "not done: " + net.sender.state() + " / " + net.receiver.state() + " " + net.sender.stats());
        assertEquals(java.util.Optional.empty(), net.sender.failure(), "sender failure");
        assertEquals(java.util.Optional.empty(), net.receiver.failure(), "receiver failure");
        assertArrayEquals(Arrays.copyOfRange(data, (int) startOffset, data.length),
                Arrays.copyOfRange(sink.data, (int) startOffset, data.length));
        assertEquals(data.length - startOffset, sink.bytesWritten, "each byte written exactly once");
        assertEquals(data.length - startOffset, net.sender.stats().bytesAcked());
        return this;
    }

    /** Goodput in bytes per second of simulated time. */
    double goodput() {
        return (data.length - startOffset) * 1e9 / elapsed;
    }

    String report() {
        SenderStats s = net.sender.stats();
        ReceiverStats r = net.receiver.stats();
        return String.format("%.1f ms, goodput %.2f MB/s, retx %d, lost %d, pto %d, cong %d, srtt %.2f ms,"
                        + " cwnd %d, dup %d, ooo %d, dropped %d/%d",
                elapsed / 1e6, goodput() / 1e6, s.retransmissions(), s.lostPackets(), s.probeTimeouts(),
                s.congestionEvents(), s.smoothedRtt() / 1e6, s.congestionWindow(), r.duplicates(), r.outOfOrder(),
                s.droppedDatagrams(), r.droppedDatagrams());
    }
}
