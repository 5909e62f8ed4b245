package dev.chat.daemon;

import dev.chat.wire.udp.DatagramWriter;
import dev.chat.wire.udp.RudpKeys;
import dev.chat.wire.udp.RudpWire;

import java.nio.ByteBuffer;

/**
 * Reliable-UDP version 2 datagrams as an attacker writes them, for the UDP attack tests: sealed by
 * the one encoder ({@link DatagramWriter}) under whatever keys the attacker has (the grant's, or
 * wrong ones), then broken on purpose.
 */
final class ForgedDatagrams {
    private ForgedDatagrams() {
    }

    /** A HANDSHAKE from the start with no retry cookie, as a receiver's first, sealed under {@code keys}. */
    static ByteBuffer handshake(long transfer, RudpKeys keys) {
        return handshake(ByteBuffer.allocate(RudpWire.MAX_DATAGRAM), transfer, keys);
    }

    /** {@link #handshake(long, RudpKeys)} written into {@code out} (cleared first), for floods that reuse one buffer. */
    static ByteBuffer handshake(ByteBuffer out, long transfer, RudpKeys keys) {
        DatagramWriter.toSender(keys).handshake(out.clear(), transfer, 0, 0, 1 << 20, 1200, 25_000, null);
        return out;
    }

    /** An ACK of every byte below {@code cumulative}, sealed under {@code keys}. */
    static ByteBuffer ack(long transfer, long cumulative, RudpKeys keys) {
        ByteBuffer b = ByteBuffer.allocate(RudpWire.MAX_DATAGRAM);
        DatagramWriter.toSender(keys).ack(b, transfer, 1_000_000, cumulative, 999_999, 0, 1 << 20, false,
                new long[0], new long[0], 0);
        return b;
    }

    /** A copy of {@code d} with one bit of its body flipped: it fails authentication. */
    static ByteBuffer corrupted(ByteBuffer d) {
        ByteBuffer c = copy(d);
        c.put(RudpWire.HEADER_BYTES + 2, (byte) (c.get(RudpWire.HEADER_BYTES + 2) ^ 0x10));
        return c;
    }

    /** A copy of {@code d} without its last 5 bytes. */
    static ByteBuffer truncated(ByteBuffer d) {
        ByteBuffer c = copy(d);
        return c.limit(c.limit() - 5);
    }

    /** The remaining bytes of {@code d} in a buffer of their own, ready to send; {@code d} is untouched. */
    static ByteBuffer copy(ByteBuffer d) {
        ByteBuffer c = ByteBuffer.allocate(d.remaining());
        c.put(d.duplicate()).flip();
        return c;
    }
}
